// Hand-written support for the protoc-c output in this target. Everything else in include/ and
// generated/ is produced by `make proto` and must not be edited.
#ifndef SJ_PROTO_SUPPORT_H
#define SJ_PROTO_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

// A bump allocator: one conversion (Swift value <-> C struct <-> bytes) allocates many small
// pieces and frees them all at once, so a single free at the end replaces a walk of the tree.
typedef struct SJArena SJArena;

SJArena *sj_arena_create(void);
void sj_arena_destroy(SJArena *arena);
// This thread's reusable arena: conversions on a hot path borrow it instead of creating one, so a
// small message costs no malloc at all. Callers must `sj_arena_reset` it when done, and must not
// nest uses (a conversion never starts another).
SJArena *sj_arena_thread(void);
// Forgets every allocation but keeps the first block for reuse; larger blocks are freed.
void sj_arena_reset(SJArena *arena);
// Zero-filled, 16-byte aligned memory that lives until the arena is destroyed; NULL when out of memory.
void *sj_arena_alloc(SJArena *arena, size_t size);
// An allocator for protobuf_c_message_unpack whose free is a no-op.
ProtobufCAllocator sj_arena_allocator(SJArena *arena);

// What protobuf-c does not check on unpack, checked before it runs.
typedef enum {
    SJ_WIRE_OK = 0,
    SJ_WIRE_MALFORMED = 1,       // not a valid protobuf encoding
    SJ_WIRE_INVALID_UTF8 = 2,    // a string field is not UTF-8
    SJ_WIRE_NUL_IN_STRING = 3,   // a string field contains U+0000 (C strings would truncate it)
    SJ_WIRE_TOO_DEEP = 4,        // nesting deeper than SJ_WIRE_MAX_DEPTH (protobuf-c would recurse unbounded)
} SJWireStatus;

enum { SJ_WIRE_MAX_DEPTH = 100 };

// One step of the path to a bad string: a field, and for a repeated field the element's index
// (-1 otherwise).
typedef struct {
    const ProtobufCFieldDescriptor *field;
    int64_t index;
} SJWireStep;

// Where a check failed: the message being read and, when known, the field. For a bad string, `path`
// (caller-provided, room for SJ_WIRE_MAX_DEPTH + 1 steps, may be NULL) receives the fields from the
// outermost message down, `path_length` of them: e.g. filing, docket_number.
typedef struct {
    const ProtobufCMessageDescriptor *message;
    const ProtobufCFieldDescriptor *field;
    SJWireStep *path;
    unsigned path_length;
} SJWireProblem;

// Walks the encoding of one message of type `descriptor`, recursing into known message fields, and
// validates every known string field. Unknown fields are skipped, as protobuf-c keeps them. Set
// `problem->path` before the call to learn the path to a bad string.
SJWireStatus sj_wire_check(const ProtobufCMessageDescriptor *descriptor,
                           const uint8_t *data, size_t length, SJWireProblem *problem);

#endif
