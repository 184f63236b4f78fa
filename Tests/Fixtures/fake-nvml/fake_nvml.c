// A fake libnvidia-ml.so for tests and benchmarks: exports the NVML symbols aureusd binds and
// answers from a script file, so the real dlopen/dlsym path runs on machines without a GPU.
//
// Script: $FAKE_NVML_SCRIPT, else "<this library's path>.script"; re-read on every
// nvmlInit_v2 and nvmlDeviceGetCount_v2 (once per poll), so a test can change values live.
// Lines are key=value; a value "!N" makes the call return nvmlReturn_t N (3 = NOT_SUPPORTED).
//
//   init=0                        driver=550.54.15              count=1
//   gpu0.name=NVIDIA H100 80GB HBM3                             gpu0.uuid=GPU-...
//   gpu0.util=87  gpu0.memutil=40  gpu0.mem.total=85520809984  gpu0.mem.used=20781727744
//   gpu0.temp=59  gpu0.power=631950 (mW)  gpu0.power.limit=700000 (mW)  gpu0.fan=!3
//   gpu0.procs=4242:15690 MiB-as-bytes;... as pid:bytes pairs separated by ';'
//
// Built by the tests with: cc -shared -fPIC -o libnvidia-ml-fake.so fake_nvml.c
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 256
static char keys[MAX_KEYS][64];
static char values[MAX_KEYS][4096];
static int key_count = 0;

static void load_script(void) {
    char path[4096];
    const char *env = getenv("FAKE_NVML_SCRIPT");
    if (env && *env) {
        snprintf(path, sizeof path, "%s", env);
    } else {
        Dl_info info;
        if (!dladdr((void *)load_script, &info) || !info.dli_fname) return;
        snprintf(path, sizeof path, "%s.script", info.dli_fname);
    }
    FILE *file = fopen(path, "r");
    key_count = 0;
    if (!file) return;
    char line[4200];
    while (key_count < MAX_KEYS && fgets(line, sizeof line, file)) {
        char *eq = strchr(line, '=');
        if (!eq || line[0] == '#') continue;
        *eq = 0;
        char *value = eq + 1;
        value[strcspn(value, "\r\n")] = 0;
        snprintf(keys[key_count], sizeof keys[0], "%s", line);
        snprintf(values[key_count], sizeof values[0], "%s", value);
        key_count++;
    }
    fclose(file);
}

static const char *lookup(const char *key) {
    for (int i = key_count - 1; i >= 0; i--)
        if (strcmp(keys[i], key) == 0) return values[i];
    return NULL;
}

static const char *device_key(void *device, const char *field, char *buffer, size_t size) {
    snprintf(buffer, size, "gpu%ld.%s", (long)(size_t)device - 1, field);
    return lookup(buffer);
}

// Missing key: NOT_SUPPORTED (3); "!N": return N; otherwise parse the number.
static int number(const char *value, unsigned long long *out) {
    if (!value) return 3;
    if (value[0] == '!') return atoi(value + 1);
    *out = strtoull(value, NULL, 10);
    return 0;
}

static int device_number(void *device, const char *field, unsigned long long *out) {
    char key[64];
    return number(device_key(device, field, key, sizeof key), out);
}

static int copy_string(const char *value, char *buffer, unsigned int length) {
    if (!value) return 3;
    if (value[0] == '!') return atoi(value + 1);
    if (strlen(value) + 1 > length) return 7;
    strcpy(buffer, value);
    return 0;
}

int nvmlInit_v2(void) {
    load_script();
    unsigned long long status = 0;
    const char *value = lookup("init");
    if (value) number(value, &status);
    return (int)status;
}

int nvmlShutdown(void) { return 0; }

const char *nvmlErrorString(int status) {
    switch (status) {
    case 3: return "Not Supported";
    case 9: return "Driver Not Loaded";
    case 15: return "GPU is lost";
    default: return "Unknown Error";
    }
}

int nvmlSystemGetDriverVersion(char *buffer, unsigned int length) { return copy_string(lookup("driver"), buffer, length); }

int nvmlDeviceGetCount_v2(unsigned int *count) {
    load_script();
    unsigned long long value = 0;
    int status = number(lookup("count"), &value);
    if (status) return status;
    *count = (unsigned int)value;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    unsigned int count = 0;
    unsigned long long value = 0;
    if (number(lookup("count"), &value) == 0) count = (unsigned int)value;
    if (index >= count) return 2;
    *device = (void *)(size_t)(index + 1);
    return 0;
}

int nvmlDeviceGetName(void *device, char *buffer, unsigned int length) {
    char key[64];
    return copy_string(device_key(device, "name", key, sizeof key), buffer, length);
}

int nvmlDeviceGetUUID(void *device, char *buffer, unsigned int length) {
    char key[64];
    return copy_string(device_key(device, "uuid", key, sizeof key), buffer, length);
}

typedef struct { unsigned int gpu; unsigned int memory; } utilization_t;

int nvmlDeviceGetUtilizationRates(void *device, utilization_t *rates) {
    unsigned long long gpu = 0, memory = 0;
    int status = device_number(device, "util", &gpu);
    if (status) return status;
    status = device_number(device, "memutil", &memory);
    if (status) return status;
    rates->gpu = (unsigned int)gpu;
    rates->memory = (unsigned int)memory;
    return 0;
}

typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } memory_t;

int nvmlDeviceGetMemoryInfo(void *device, memory_t *memory) {
    unsigned long long total = 0, used = 0;
    int status = device_number(device, "mem.total", &total);
    if (status) return status;
    status = device_number(device, "mem.used", &used);
    if (status) return status;
    memory->total = total;
    memory->used = used;
    memory->free = total - used;
    return 0;
}

int nvmlDeviceGetTemperature(void *device, int sensor, unsigned int *celsius) {
    unsigned long long value = 0;
    if (sensor != 0) return 2;
    int status = device_number(device, "temp", &value);
    if (!status) *celsius = (unsigned int)value;
    return status;
}

static int unsigned_metric(void *device, const char *field, unsigned int *out) {
    unsigned long long value = 0;
    int status = device_number(device, field, &value);
    if (!status) *out = (unsigned int)value;
    return status;
}

int nvmlDeviceGetPowerUsage(void *device, unsigned int *milliwatts) { return unsigned_metric(device, "power", milliwatts); }
int nvmlDeviceGetEnforcedPowerLimit(void *device, unsigned int *milliwatts) { return unsigned_metric(device, "power.limit", milliwatts); }
int nvmlDeviceGetFanSpeed(void *device, unsigned int *percent) { return unsigned_metric(device, "fan", percent); }

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} process_info_t;

int nvmlDeviceGetComputeRunningProcesses_v3(void *device, unsigned int *count, process_info_t *infos) {
    char key[64];
    const char *value = device_key(device, "procs", key, sizeof key);
    if (!value || !*value) {
        *count = 0;
        return 0;
    }
    if (value[0] == '!') return atoi(value + 1);
    unsigned int found = 0;
    const char *cursor = value;
    while (*cursor) {
        unsigned int pid = (unsigned int)strtoul(cursor, (char **)&cursor, 10);
        unsigned long long memory = 0;
        if (*cursor == ':') memory = strtoull(cursor + 1, (char **)&cursor, 10);
        if (found < *count && infos) {
            infos[found].pid = pid;
            infos[found].usedGpuMemory = memory;
            infos[found].gpuInstanceId = 0xFFFFFFFF;
            infos[found].computeInstanceId = 0xFFFFFFFF;
        }
        found++;
        while (*cursor == ';' || *cursor == ' ') cursor++;
    }
    if (found > *count) {
        *count = found;
        return 7;
    }
    *count = found;
    return 0;
}
