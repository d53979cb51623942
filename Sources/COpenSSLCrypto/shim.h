#ifndef LLMTRACE_COPENSSLCRYPTO_SHIM_H
#define LLMTRACE_COPENSSLCRYPTO_SHIM_H

/* OpenSSL's libcrypto, for the question hash's SHA-256: the library libcurl already loads into
   the process, rather than a second copy of a crypto library compiled into every build. */
#include <openssl/evp.h>

/* 1 with the 32-byte digest written, 0 if OpenSSL failed. */
static inline int llmtrace_sha256(const void *data, size_t count, unsigned char digest[32]) {
    unsigned int length = 0;
    return EVP_Digest(data, count, digest, &length, EVP_sha256(), NULL) == 1 && length == 32;
}

#endif
