// The one header Swift sees for sqlite3 (Debian package libsqlite3-dev).
#include <sqlite3.h>

// sqlite3_config and sqlite3_db_config are variadic, which Swift cannot call: these fix the
// arguments of the two settings Storage makes.

// Global: no allocation statistics. Keeping them takes a process-wide mutex on every malloc and
// free SQLite makes, on every connection; Storage never reads them. Only effective before
// SQLite initializes (the first open); afterwards it returns SQLITE_MISUSE and changes nothing.
static inline int sj_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// Per connection: `count` lookaside slots of `size` bytes, SQLite's own allocator for its small,
// short-lived objects, instead of malloc.
static inline int sj_sqlite3_set_lookaside(sqlite3 *db, int size, int count) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, (void *)0, size, count);
}
