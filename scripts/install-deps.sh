#!/usr/bin/env bash
# Installs the C libraries LLMTrace links (libcurl, zlib) and the tools its tests use, from
# Debian's packages, when they are missing. Uses sudo when not run as root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
pkg-config --exists libcurl 2> /dev/null || missing+=(libcurl4-openssl-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v pkg-config > /dev/null || missing+=(pkg-config)
command -v curl > /dev/null || missing+=(curl)
command -v openssl > /dev/null || missing+=(openssl)
python3 -c "import venv, ensurepip" 2> /dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" > /dev/null
fi
