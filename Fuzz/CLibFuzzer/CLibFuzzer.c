// Empty: the module is the header; the function lives in libFuzzer's runtime (-sanitize=fuzzer).
#include "CLibFuzzer.h"
