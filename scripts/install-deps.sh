#!/usr/bin/env bash
# Installs the C libraries LLMTrace links (libcurl, zlib, libdeflate, ISA-L's igzip, OpenSSL's
# libcrypto) and the tools its tests use (promtool among them), from Debian's packages, when
# they are missing.
# Uses sudo when not run as root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
pkg-config --exists libcurl 2> /dev/null || missing+=(libcurl4-openssl-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
pkg-config --exists libdeflate 2> /dev/null || missing+=(libdeflate-dev)
pkg-config --exists libisal 2> /dev/null || missing+=(libisal-dev)
pkg-config --exists libcrypto 2> /dev/null || missing+=(libssl-dev)
command -v pkg-config > /dev/null || missing+=(pkg-config)
command -v curl > /dev/null || missing+=(curl)
command -v openssl > /dev/null || missing+=(openssl)
python3 -c "import venv, ensurepip" 2> /dev/null || missing+=(python3-venv)
# promtool checks and unit-tests the Prometheus rules (scripts/check_rules.sh); Debian ships it
# only in the prometheus package, installed without recommends (no node exporter).
need_promtool=false
command -v promtool > /dev/null || need_promtool=true
if [ ${#missing[@]} -gt 0 ] || $need_promtool; then
    $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" > /dev/null
fi
if $need_promtool; then
    echo "installing: prometheus (for promtool)"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus > /dev/null
    # The package also enables a Prometheus server on :9090, the port jaeger-compose.yml's
    # Prometheus publishes; only promtool is wanted here.
    if command -v systemctl > /dev/null; then
        $SUDO systemctl disable --now prometheus.service > /dev/null 2>&1 || true
    fi
fi
