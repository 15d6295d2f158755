// SQLite, the system library (Debian's libsqlite3-dev). align opens files
// read-only and pushes the adding up down to SQLite; see docs/DATA.md.
#ifndef ALIGN_SQLITE_SHIM_H
#define ALIGN_SQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift
// cannot import: the same value through a function.
static inline sqlite3_destructor_type align_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
