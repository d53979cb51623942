#ifndef C_ALLOCATION_COUNT_H
#define C_ALLOCATION_COUNT_H

#include <stdint.h>

/// Whether this platform's allocator can be counted (glibc only); when it is 0 the other two
/// functions do nothing and count nothing.
int llmtrace_allocations_supported(void);

/// Starts counting heap allocations made on the calling thread (malloc, calloc, realloc,
/// posix_memalign, aligned_alloc, memalign), from zero.
void llmtrace_allocations_start(void);

/// Stops counting on the calling thread and returns the count since the start.
uint64_t llmtrace_allocations_stop(void);

#endif
