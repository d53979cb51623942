// Counts the calling thread's heap allocations for llmtrace-bench by interposing the C
// allocator: an executable that defines malloc is where the dynamic linker finds it first, for
// the Swift runtime and every library too. Each entry point forwards to glibc's own.
//
// The counter is thread-local and off unless a thread turned it on, so the exporter and sink
// threads, and every other measurement of the benchmark, pay one thread-local load per call.
// The initial-exec TLS model keeps that load free of a call into the dynamic linker, which could
// itself allocate. Only glibc exports the `__libc_*` entry points forwarded to; elsewhere the
// allocator is left alone and the benchmark reports the figure as not measured.

#include "CAllocationCount.h"
#include <errno.h>
#include <stddef.h>

#if defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

#define INITIAL_EXEC __attribute__((tls_model("initial-exec")))
static __thread int counting INITIAL_EXEC;
static __thread uint64_t allocations INITIAL_EXEC;

int llmtrace_allocations_supported(void) {
    return 1;
}

void llmtrace_allocations_start(void) {
    allocations = 0;
    counting = 1;
}

uint64_t llmtrace_allocations_stop(void) {
    counting = 0;
    return allocations;
}

static inline void count(void) {
    if (counting) allocations += 1;
}

void *malloc(size_t size) {
    count();
    return __libc_malloc(size);
}

void *calloc(size_t count_, size_t size) {
    count();
    return __libc_calloc(count_, size);
}

void *realloc(void *pointer, size_t size) {
    count();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment == 0 || alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

#else

int llmtrace_allocations_supported(void) {
    return 0;
}

void llmtrace_allocations_start(void) {}

uint64_t llmtrace_allocations_stop(void) {
    return 0;
}

#endif
