#pragma once
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
// Binding through these wrappers makes SQLite copy the bytes before the call returns.
static inline int aureus_sqlite3_bind_text_transient(sqlite3_stmt *statement, int index, const char *text, int byteCount) {
    return sqlite3_bind_text(statement, index, text, byteCount, SQLITE_TRANSIENT);
}

static inline int aureus_sqlite3_bind_blob_transient(sqlite3_stmt *statement, int index, const void *bytes, int byteCount) {
    return sqlite3_bind_blob(statement, index, bytes, byteCount, SQLITE_TRANSIENT);
}

// Extended result codes are composite macros, which Swift does not import.
static inline int aureus_sqlite_constraint_unique(void) { return SQLITE_CONSTRAINT_UNIQUE; }
static inline int aureus_sqlite_constraint_primarykey(void) { return SQLITE_CONSTRAINT_PRIMARYKEY; }
static inline int aureus_sqlite_constraint_foreignkey(void) { return SQLITE_CONSTRAINT_FOREIGNKEY; }

// Results of the masking function are copied by SQLite before the callback returns.
static inline void aureus_sqlite3_result_text_transient(sqlite3_context *context, const char *text, int byteCount) {
    sqlite3_result_text(context, text, byteCount, SQLITE_TRANSIENT);
}

// SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS for a pure function of its argument.
static inline int aureus_sqlite_pure_function_flags(void) { return SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS; }
