// SPDX-License-Identifier: MIT
// host.c: host_run: heap from malloc, a .mpy or image file (or a linked-in image) as __main__.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/image.h"
#include "runtime/mpyload.h"
#include "runtime/ports/host/host.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * Files the program loads (.mpy bytes are used in place) stay in memory until host_run
 * returns; they are kept on a list and freed at the end, so the leak checker stays quiet.
 */
typedef struct file_buf_t {
    struct file_buf_t *next;
    size_t len;
    uint8_t data[];
} file_buf_t;

static file_buf_t *files;

// The C stack Python code may use: the main thread has 8 MB; keep well below it.
#define HOST_STACK_LIMIT (2 * 1024 * 1024)

static file_buf_t *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t alloc = 4096, len = 0;
    file_buf_t *b = malloc(sizeof(file_buf_t) + alloc);
    size_t n;
    while (b != NULL && (n = fread(b->data + len, 1, alloc - len, f)) > 0) {
        len += n;
        if (len == alloc) {
            alloc *= 2;
            file_buf_t *nb = realloc(b, sizeof(file_buf_t) + alloc);
            if (nb == NULL) {
                free(b);
            }
            b = nb;
        }
    }
    fclose(f);
    if (b != NULL) {
        b->len = len;
        b->next = files;
        files = b;
    }
    return b;
}

static bool file_exists(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        fclose(f);
    }
    return f != NULL;
}

static char main_dir[4096];

// Finds name (dotted) as DIR/a/b.mpy or DIR/a/b/__init__.mpy next to the main file.
static bool find_file(const char *name, size_t len, mpyload_found_t *out) {
    char path[4600];
    size_t d = strlen(main_dir);
    if (d + len + 20 > sizeof(path)) {
        return false;
    }
    memcpy(path, main_dir, d);
    for (size_t i = 0; i < len; i++) {
        path[d + i] = name[i] == '.' ? '/' : name[i];
    }
    size_t end = d + len;
    static const char *const forms[] = {".mpy", "/__init__.mpy"};
    for (int i = 0; i < 2; i++) {
        strcpy(path + end, forms[i]);
        file_buf_t *b = read_file(path);
        if (b != NULL) {
            out->data = b->data;
            out->len = b->len;
            out->is_package = i == 1;
            return true;
        }
    }
    strcpy(path + end, ".py");
    out->source_only = file_exists(path);
    return false;
}

static size_t parse_size(const char *s) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end == 'k' || *end == 'K') {
        v *= 1024;
    } else if (*end == 'm' || *end == 'M') {
        v *= 1024 * 1024;
    } else if (*end != 0) {
        return 0;
    }
    return (size_t)v;
}

static int exit_status_of(obj_t exc) {
    if (obj_isinstance(exc, &type_SystemExit)) {
        obj_t v = obj_exception_get_value(exc);
        if (v == obj_none) {
            return 0;
        }
        if (OBJ_IS_SMALL_INT(v)) {
            return (int)OBJ_SMALL_INT_VALUE(v);
        }
        obj_print(&print_stdout, v, PRINT_STR);
        print_str(&print_stdout, "\n");
        return 1;
    }
    fflush(stdout);
    obj_print_exception(&print_stdout, exc);
    return 1;
}

// Opens an image's main module in place of data/len; raises ValueError if it has none.
static void open_image(const uint8_t **data, size_t *len) {
    image_t img;
    image_module_t m;
    static const image_target_t host_params = {
        (uint8_t)sizeof(void *), (uint8_t)(sizeof(mp_int_t) * 8 - 1),
        CONFIG_FLOAT_DOUBLE ? IMAGE_FLOAT_DOUBLE : IMAGE_FLOAT_SINGLE,
    };
    image_err_t err = image_open(&img, *data, *len);
    if (err == IMAGE_OK) {
        err = image_check_target(&img, &host_params);
    }
    if (err != IMAGE_OK) {
        rt_raise_msg(&type_ValueError, "%s", image_error_text(err));
    }
    if (!image_main(&img, &m)) {
        rt_raise_msg(&type_ValueError, "image has no main module");
    }
    vm_state.image = *data;
    vm_state.image_len = *len;
    *data = m.data;
    *len = m.data_len;
}

static bool heap_report;  // --heap-report: heap in use before and after the main module

static size_t heap_in_use(void) {
    gc_info_t info;
    gc_collect();
    gc_info(&info);
    return info.used;
}

static void run_module(const uint8_t *data, size_t len) {
    if (len >= 4 && memcmp(data, "FRZ\x1a", 4) == 0) {
        open_image(&data, &len);
    }
    size_t before = heap_report ? heap_in_use() : 0;
    mpyload_run_module(MP_QSTR___main__, data, len);
    if (heap_report) {
        // The module stays in sys.modules, so what it defined is still counted.
        fflush(stdout);
        gc_info_t raw;  // what the module body left, garbage included
        gc_info(&raw);
        fprintf(stderr, "heap-raw: %zu bytes in use after the main module, before a collection\n",
                raw.used);
        fprintf(stderr, "heap: %zu bytes in use after the main module, %zu before\n",
                heap_in_use(), before);
    }
}

// Starts the VM and runs the program's main module; returns the exit status.
__attribute__((noinline))
static int run_vm(void *heap, size_t heap_size, const uint8_t *data, size_t len, int argc, char **argv) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        rt_init(heap, (char *)heap + heap_size, argc, argv);
        vm_state.stack_limit = HOST_STACK_LIMIT;
        vm_state.gc_stress = getenv("FZVM_GC_STRESS") != NULL;  // for the tests
        nlr_pop();
    } else {
        fprintf(stderr, "heap too small\n");
        return 1;
    }
    if (nlr_push(&nlr) == 0) {
        run_module(data, len);
        nlr_pop();
        return 0;
    }
    return exit_status_of(nlr.ret_val);
}

static void set_main_dir(const char *path) {
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL ? 0 : (size_t)(slash - path) + 1;
    if (n >= sizeof(main_dir)) {
        n = 0;
    }
    memcpy(main_dir, path, n);
    main_dir[n] = 0;
}

int host_run(int argc, char **argv, const uint8_t *image, size_t image_len) {
    char stack_top;
    size_t heap_size = CONFIG_HEAP_DEFAULT;
    const char *argv0 = NULL;
    int i = 1;
    for (;;) {
        if (i < argc && strcmp(argv[i], "--heap-report") == 0) {
            heap_report = true;
            i++;
        } else if (i + 1 < argc && strcmp(argv[i], "--argv0") == 0) {
            argv0 = argv[i + 1];  // sys.argv[0], when FILE is a stand-in (freeze run x.py)
            i += 2;
        } else if (i + 1 < argc && strcmp(argv[i], "--heap") == 0) {
            heap_size = parse_size(argv[i + 1]);
            if (heap_size < 4096) {
                fprintf(stderr, "%s: bad heap size '%s'\n", argv[0], argv[i + 1]);
                return 2;
            }
            i += 2;
        } else {
            break;
        }
    }
    const uint8_t *data = image;
    size_t len = image_len;
    int script = i;
    if (image == NULL) {
        if (i >= argc) {
            fprintf(stderr, "usage: %s [--heap SIZE] [--heap-report] [--argv0 NAME] "
                    "FILE.mpy|IMAGE.frz [args]\n", argv[0]);
            return 2;
        }
        file_buf_t *b = read_file(argv[i]);
        if (b == NULL) {
            fprintf(stderr, "%s: can't open file '%s'\n", argv[0], argv[i]);
            return 4;
        }
        set_main_dir(argv[i]);
        data = b->data;
        len = b->len;
    } else if (i > 1) {
        // sys.argv is the program then its arguments, without our --heap option.
        argv[i - 1] = argv[0];
        script = i - 1;
    } else {
        script = 0;
    }
    void *heap = malloc(heap_size);
    if (heap == NULL) {
        fprintf(stderr, "%s: can't allocate a heap of %zu bytes\n", argv[0], heap_size);
        return 4;
    }
    if (argv0 != NULL) {
        argv[script] = (char *)argv0;
    }
    vm_state.stack_top = &stack_top;
    mpyload_port_finder = find_file;
    int status = run_vm(heap, heap_size, data, len, argc - script, argv + script);
    fflush(stdout);
    rt_deinit();
    free(heap);
    while (files != NULL) {
        file_buf_t *next = files->next;
        free(files);
        files = next;
    }
    return status;
}
