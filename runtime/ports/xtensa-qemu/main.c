// SPDX-License-Identifier: MIT
// main.c: an app's entry point: checks the frozen image linked into flash, then runs it.
#include <string.h>

#include "runtime/image.h"
#include "runtime/mpyload.h"
#include "runtime/ports/xtensa-qemu/layout.h"
#include "runtime/ports/xtensa-qemu/xqport.h"
#include "runtime/runtime.h"
#include "runtime/state.h"

/*
 * freeze build -t xtensa-qemu links the image object (freeze_image, freeze_image_len in
 * .rodata.frozen, placed in FLASH by frozen-image.ld) with this library. The image is
 * read where it lies: the loader keeps bytecode pointers into it. Exit status: 0, 1
 * after an uncaught exception (its traceback on the console), SystemExit's code, and
 * XQ_STATUS_IMAGE when the image is refused before anything runs.
 */
#define XQ_STATUS_IMAGE 3

int main(void);

static void err_str(const char *s) {
    port_console_write_err(s, strlen(s));
}

// The runtime's own parameters, which the image header must match.
static const image_target_t runtime_params = {
    (uint8_t)sizeof(void *), (uint8_t)(sizeof(mp_int_t) * 8 - 1),
    CONFIG_FLOAT_DOUBLE ? IMAGE_FLOAT_DOUBLE : IMAGE_FLOAT_SINGLE,
};

// Opens and checks the image; prints why and returns false if it must not run.
static bool check_image(image_t *img, image_module_t *main_mod) {
    image_err_t err = image_open(img, freeze_image, freeze_image_len);
    if (err == IMAGE_OK) {
        err = image_check_target(img, &runtime_params);
    }
    if (err != IMAGE_OK) {
        err_str("xtensa-qemu: frozen image refused: ");
        err_str(image_error_text(err));
        err_str("\n");
        return false;
    }
    if (!image_main(img, main_mod)) {
        err_str("xtensa-qemu: frozen image has no main module\n");
        return false;
    }
    return true;
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
    obj_print_exception(&print_stdout, exc);
    return 1;
}

static int run(const image_module_t *m) {
    void *heap;
    size_t heap_size;
    port_heap_region(&heap, &heap_size);
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        rt_init(heap, (char *)heap + heap_size, 0, NULL);
        size_t stack = (size_t)(vm_state.stack_top - (char *)_stack_bottom);
        vm_state.stack_limit = stack > 2 * XQ_STACK_HEADROOM ? stack - XQ_STACK_HEADROOM
                                                             : stack / 2;
        nlr_pop();
    } else {
        err_str("xtensa-qemu: heap too small\n");
        return 1;
    }
    if (nlr_push(&nlr) == 0) {
        mpyload_run_module(MP_QSTR___main__, m->data, m->data_len);
        nlr_pop();
        return 0;
    }
    return exit_status_of(nlr.ret_val);
}

int main(void) {
    char stack_top;
    image_t img;
    image_module_t m;
    if (!check_image(&img, &m)) {
        return XQ_STATUS_IMAGE;
    }
    vm_state.stack_top = &stack_top;
    vm_state.image = freeze_image;
    vm_state.image_len = img.len;
    return run(&m);
}
