#include "sj_proto_support.h"

#include <stdlib.h>
#include <string.h>

// ---------------------------------------------------------------------------------------------
// Arena

typedef struct SJArenaBlock {
    struct SJArenaBlock *next;
    size_t capacity;
    size_t used;
    // Keeps the payload 16-byte aligned after the header.
    _Alignas(16) unsigned char bytes[];
} SJArenaBlock;

struct SJArena {
    SJArenaBlock *head;
};

enum { SJ_ARENA_BLOCK = 4096 - sizeof(SJArenaBlock) };

SJArena *sj_arena_create(void) { return calloc(1, sizeof(SJArena)); }

void sj_arena_destroy(SJArena *arena) {
    if (arena == NULL) return;
    SJArenaBlock *block = arena->head;
    while (block != NULL) {
        SJArenaBlock *next = block->next;
        free(block);
        block = next;
    }
    free(arena);
}

SJArena *sj_arena_thread(void) {
    static _Thread_local SJArena *arena;
    if (arena == NULL) arena = sj_arena_create();
    return arena;
}

void sj_arena_reset(SJArena *arena) {
    SJArenaBlock *block = arena->head;
    if (block == NULL) return;
    // Keep one standard-size block (the common case needs no more); free the rest.
    SJArenaBlock *keep = NULL;
    while (block != NULL) {
        SJArenaBlock *next = block->next;
        if (keep == NULL && block->capacity == SJ_ARENA_BLOCK) {
            keep = block;
        } else {
            free(block);
        }
        block = next;
    }
    if (keep != NULL) {
        keep->next = NULL;
        keep->used = 0;
    }
    arena->head = keep;
}

void *sj_arena_alloc(SJArena *arena, size_t size) {
    size_t rounded = (size + 15) & ~(size_t)15;
    if (rounded < size) return NULL;
    SJArenaBlock *block = arena->head;
    if (block == NULL || block->capacity - block->used < rounded) {
        size_t capacity = rounded > SJ_ARENA_BLOCK ? rounded : SJ_ARENA_BLOCK;
        if (capacity > SIZE_MAX - sizeof(SJArenaBlock)) return NULL;
        SJArenaBlock *fresh = malloc(sizeof(SJArenaBlock) + capacity);
        if (fresh == NULL) return NULL;
        fresh->capacity = capacity;
        fresh->used = 0;
        // A big one-off allocation goes behind the current block so the current one keeps filling.
        if (block != NULL && rounded > SJ_ARENA_BLOCK) {
            fresh->next = block->next;
            block->next = fresh;
        } else {
            fresh->next = block;
            arena->head = fresh;
        }
        block = fresh;
    }
    void *result = block->bytes + block->used;
    block->used += rounded;
    memset(result, 0, size);
    return result;
}

static void *sj_arena_alloc_for_protobuf(void *data, size_t size) { return sj_arena_alloc(data, size); }

static void sj_arena_free_for_protobuf(void *data, void *pointer) {
    (void)data;
    (void)pointer;
}

ProtobufCAllocator sj_arena_allocator(SJArena *arena) {
    ProtobufCAllocator allocator = {
        .alloc = sj_arena_alloc_for_protobuf, .free = sj_arena_free_for_protobuf, .allocator_data = arena};
    return allocator;
}

// ---------------------------------------------------------------------------------------------
// Wire check

static int read_varint(const uint8_t **cursor, const uint8_t *end, uint64_t *value) {
    uint64_t result = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (*cursor >= end) return 0;
        uint8_t byte = *(*cursor)++;
        result |= (uint64_t)(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *value = result;
            return 1;
        }
    }
    return 0;  // more than ten bytes
}

static SJWireStatus check_utf8(const uint8_t *p, size_t length) {
    const uint8_t *end = p + length;
    while (p < end) {
        uint8_t c = *p++;
        if (c == 0) return SJ_WIRE_NUL_IN_STRING;
        if (c < 0x80) continue;
        unsigned continuation;
        uint8_t low = 0x80, high = 0xBF;  // bounds of the first continuation byte
        if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
            if (c == 0xE0) low = 0xA0;   // overlong
            if (c == 0xED) high = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
            if (c == 0xF0) low = 0x90;   // overlong
            if (c == 0xF4) high = 0x8F;  // above U+10FFFF
        } else {
            return SJ_WIRE_INVALID_UTF8;
        }
        if ((size_t)(end - p) < continuation) return SJ_WIRE_INVALID_UTF8;
        if (p[0] < low || p[0] > high) return SJ_WIRE_INVALID_UTF8;
        for (unsigned i = 1; i < continuation; i++) {
            if ((p[i] & 0xC0) != 0x80) return SJ_WIRE_INVALID_UTF8;
        }
        p += continuation;
    }
    return SJ_WIRE_OK;
}

// How many times field `number` occurs in the (already checked) encoding data..end: the index of
// the element that starts at `end` in a repeated field. Runs only on the failure path.
static int64_t occurrences(const uint8_t *data, const uint8_t *end, uint32_t number) {
    int64_t count = 0;
    while (data < end) {
        uint64_t tag, skip = 0;
        read_varint(&data, end, &tag);
        switch (tag & 7) {
        case 0: read_varint(&data, end, &skip); skip = 0; break;
        case 1: skip = 8; break;
        case 5: skip = 4; break;
        default: read_varint(&data, end, &skip); break;
        }
        if ((tag >> 3) == number) count++;
        data += skip;
    }
    return count;
}

// Records `field` as the step above the path found so far; steps are shifted down as the
// recursion unwinds, so the path ends up outermost first. Depth is bounded by SJ_WIRE_MAX_DEPTH.
static void prepend_step(SJWireProblem *problem, const ProtobufCFieldDescriptor *field, const uint8_t *data,
                         const uint8_t *start) {
    if (problem->path == NULL || problem->path_length > SJ_WIRE_MAX_DEPTH) return;
    memmove(problem->path + 1, problem->path, problem->path_length * sizeof(SJWireStep));
    problem->path[0].field = field;
    problem->path[0].index = field->label == PROTOBUF_C_LABEL_REPEATED ? occurrences(data, start, field->id) : -1;
    problem->path_length++;
}

static SJWireStatus check_message(const ProtobufCMessageDescriptor *descriptor, const uint8_t *data,
                                  size_t length, unsigned depth, SJWireProblem *problem) {
    if (depth > SJ_WIRE_MAX_DEPTH) {
        problem->message = descriptor;
        problem->field = NULL;
        return SJ_WIRE_TOO_DEEP;
    }
    const uint8_t *cursor = data, *end = data + length;
    while (cursor < end) {
        const uint8_t *start = cursor;
        uint64_t tag;
        if (!read_varint(&cursor, end, &tag) || tag > UINT32_MAX || (tag >> 3) == 0) goto malformed;
        uint64_t skip;
        switch (tag & 7) {
        case 0:
            if (!read_varint(&cursor, end, &skip)) goto malformed;
            continue;
        case 1:
            skip = 8;
            break;
        case 5:
            skip = 4;
            break;
        case 2: {
            if (!read_varint(&cursor, end, &skip) || skip > (uint64_t)(end - cursor)) goto malformed;
            const ProtobufCFieldDescriptor *field =
                protobuf_c_message_descriptor_get_field(descriptor, (unsigned)(tag >> 3));
            if (field != NULL && field->type == PROTOBUF_C_TYPE_STRING) {
                SJWireStatus status = check_utf8(cursor, (size_t)skip);
                if (status != SJ_WIRE_OK) {
                    problem->message = descriptor;
                    problem->field = field;
                    prepend_step(problem, field, data, start);
                    return status;
                }
            } else if (field != NULL && field->type == PROTOBUF_C_TYPE_MESSAGE) {
                SJWireStatus status = check_message(field->descriptor, cursor, (size_t)skip, depth + 1, problem);
                if (status == SJ_WIRE_INVALID_UTF8 || status == SJ_WIRE_NUL_IN_STRING) {
                    prepend_step(problem, field, data, start);
                }
                if (status != SJ_WIRE_OK) return status;
            }
            break;
        }
        default:  // groups (3, 4) are not supported by protobuf-c; 6 and 7 do not exist
            goto malformed;
        }
        if (skip > (uint64_t)(end - cursor)) goto malformed;
        cursor += skip;
    }
    return SJ_WIRE_OK;

malformed:
    problem->message = descriptor;
    problem->field = NULL;
    return SJ_WIRE_MALFORMED;
}

SJWireStatus sj_wire_check(const ProtobufCMessageDescriptor *descriptor, const uint8_t *data,
                           size_t length, SJWireProblem *problem) {
    problem->message = NULL;
    problem->field = NULL;
    problem->path_length = 0;
    return check_message(descriptor, data, length, 0, problem);
}
