// SPDX-License-Identifier: MIT
// bitflip.c: copies IN to OUT with one bit flipped: bitflip IN OUT OFFSET BIT (fuzz tests).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: bitflip IN OUT OFFSET BIT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        return 4;
    }
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), in);
    fclose(in);
    size_t off = strtoul(argv[3], NULL, 10);
    if (off < n) {
        buf[off] ^= (unsigned char)(1u << (atoi(argv[4]) & 7));
    }
    FILE *out = fopen(argv[2], "wb");
    if (out == NULL) {
        return 4;
    }
    fwrite(buf, 1, n, out);
    fclose(out);
    return 0;
}
