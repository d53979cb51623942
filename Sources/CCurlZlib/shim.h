#ifndef LLMTRACE_CCURLZLIB_SHIM_H
#define LLMTRACE_CCURLZLIB_SHIM_H

#include <curl/curl.h>
#include <zlib.h>

/* curl_easy_setopt is variadic, which Swift cannot call.
   These typed wrappers give Swift one entry point per argument type. */

static inline CURLcode llmtrace_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode llmtrace_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode llmtrace_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode llmtrace_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode llmtrace_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*llmtrace_curl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

static inline CURLcode llmtrace_curl_setopt_callback(CURL *handle, CURLoption option, llmtrace_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/* The result of a finished transfer of `multi`, or -1 while none has finished: reads the
   message's union here, where C can. */
static inline int llmtrace_curl_multi_done(CURLM *multi) {
    int left = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(multi, &left)) != NULL) {
        if (message->msg == CURLMSG_DONE) return (int)message->data.result;
    }
    return -1;
}

/* inflateInit2 is a macro over the versioned function. (igzip, in CIgzip, and libdeflate, in
   CDeflate, compress.) */
static inline int llmtrace_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
