// Test support: glibc's heap counters, which Swift's Glibc module does not export.
#include <stddef.h>

// Bytes currently allocated through malloc.
size_t heap_bytes_in_use(void);
