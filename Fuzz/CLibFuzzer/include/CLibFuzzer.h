// libFuzzer's entry for programs that keep their own `main` (llvm.org/docs/LibFuzzer.html).
//
// SwiftPM links every executable with its own `main` (it renames the module's entry point and
// points `main` at it), which hides the one in libFuzzer's runtime; each fuzz target's `@main`
// therefore hands the command line to this function instead.
#pragma once
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
