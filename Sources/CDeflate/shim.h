#ifndef LLMTRACE_CDEFLATE_SHIM_H
#define LLMTRACE_CDEFLATE_SHIM_H

/* libdeflate: whole-buffer DEFLATE, gzip and CRC-32, about twice zlib's speed at the fast
   levels. Request bodies are whole buffers, so zlib's streaming is not needed to compress, nor
   to inflate a body whose stated size is known; zlib (CCurlZlib) inflates the rest. */
#include <libdeflate.h>

#endif
