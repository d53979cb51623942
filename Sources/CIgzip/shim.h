#ifndef LLMTRACE_CIGZIP_SHIM_H
#define LLMTRACE_CIGZIP_SHIM_H

/* ISA-L's igzip: whole-buffer gzip at the fastest level, about three times libdeflate's level 1
   on span bodies and no larger. Only its one-shot compressor is used (GzipCompressor, level 1);
   libdeflate (CDeflate) keeps the other levels, inflating and the CRC-32. */
#include <isa-l/igzip_lib.h>

#endif
