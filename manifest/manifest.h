// SPDX-License-Identifier: MIT
// manifest.h: loads a manifest.yaml (and what it includes) into one ordered module list.
#ifndef MANIFEST_MANIFEST_H
#define MANIFEST_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

// A place in a manifest; file points into manifest_t.files and lives as long as it.
typedef struct {
    const char *file;   // as displayed: relative to the working directory where possible
    int line;           // 1-based
    int col;            // 1-based
} manifest_loc_t;

typedef enum {
    MANIFEST_PY,        // Python source, compiled by freeze
    MANIFEST_MPY,       // a compiled .mpy, frozen as it is
} manifest_kind_t;

typedef struct {
    char *name;         // dotted module name: "sensors.bme280"; "sensors" for its __init__.py
    char *path;         // absolute path of the file to read
    char *disp;         // the same, as shown in messages (relative to the working directory)
    char *src_name;     // the name compiled into the .mpy and shown in tracebacks: "sensors/bme280.py"
    manifest_kind_t kind;
    int opt;            // optimisation level 0..3
    int is_package;     // 1 for an __init__ module
    manifest_loc_t origin;  // the directive that added it
} manifest_module_t;

typedef struct {
    char *name;         // metadata.name, or the manifest directory's name
    char *version;      // metadata.version or NULL
    char *description;  // metadata.description or NULL
    manifest_loc_t name_loc;  // where metadata.name is (line 0 when defaulted)
    char *main;         // options.main or NULL (resolved: a module of mods, or NULL)
    manifest_loc_t main_loc;
    char *target;       // options.target or NULL
    manifest_loc_t target_loc;
    uint64_t budget_flash;  // bytes; 0: no budget
    uint64_t budget_ram;
    manifest_module_t *mods;  // in manifest order
    size_t n_mods;
    char **files;       // display paths of every manifest read, the top one first
    size_t n_files;
    char **dirs;        // absolute paths of the directories whose files were listed (a
    size_t n_dirs;      // file added or removed there changes the build: make depends on them)
} manifest_t;

typedef struct {
    const char *const *defines;  // "NAME=VALUE" strings from -D
    size_t n_defines;
    const char *mpy_lib_dir;     // the environment's MPY_LIB_DIR, or NULL
    const char *cwd;             // absolute working directory; NULL: getcwd()
} manifest_opts_t;

// An error in a manifest: where, what, and whether reading a file failed.
typedef struct {
    int io;             // 1: the top manifest could not be read (an I/O error), 0: bad input
    char *file;         // malloc'ed display path, or NULL when there is no place
    int line, col;      // 0 when unknown
    char msg[512];
} manifest_err_t;

// Loads path into *m. Returns 0, or 1 with *err filled (free it with manifest_err_free);
// *m needs manifest_free in both cases.
int manifest_load(manifest_t *m, const char *path, const manifest_opts_t *opts,
                  manifest_err_t *err);
void manifest_free(manifest_t *m);
void manifest_err_free(manifest_err_t *err);

// Parses a size such as "4096", "0x40000", "256K", "64KiB", "1M" or "1MiB" into bytes;
// returns 0 on success.
int manifest_parse_size(const char *s, uint64_t *out);

#endif // MANIFEST_MANIFEST_H
