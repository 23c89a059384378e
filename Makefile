# SPDX-License-Identifier: MIT
# freeze: one non-recursive Makefile; each part lists its sources in <part>.mk.
#   make              host tools (build/freeze, build/mpycross) and the host runtime
#   make test         build and run every test; SANITIZE=1 adds ASan and UBSan
#   make demo         build and run examples/hello
#   make xtensa-qemu  the xtensa-qemu port library (runtime/ports/xtensa-qemu/README.md);
#                     make TARGET=xtensa-qemu is the same with the host tools
#   make install      PREFIX=/usr/local DESTDIR=

CC ?= cc
AR ?= ar
PREFIX ?= /usr/local
BUILD ?= build
SANITIZE ?= 0
TARGET ?= host
OBJ = $(BUILD)/obj
VERSION := 0.1.0

WARN := -Wall -Wextra -Werror -Wshadow -Wundef -Wmissing-prototypes -Wstrict-prototypes \
        -Wpointer-arith -Wwrite-strings -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) -I. \
              -DFREEZE_VERSION='"$(VERSION)"' -MMD -MP
LDFLAGS ?=
ifeq ($(SANITIZE),1)
  ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
                -DFREEZE_TEST_BUILD=1
  LDFLAGS += -fsanitize=address,undefined
  BUILD := build/sanitize
endif

PKGS := yaml-0.1 libelf zlib libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS += $(PKG_CFLAGS)

.PHONY: all test test-run demo demo-run install clean deps
all:

# test and demo first install what the machine lacks, then re-read this file
# (pkg-config runs at parse time).
test: deps
	@$(MAKE) --no-print-directory test-run
demo: deps
	@$(MAKE) --no-print-directory demo-run

include runtime/runtime.mk
include runtime/ports/host/port.mk
include runtime/ports/xtensa-qemu/port.mk
include mpycross/mpycross.mk
include manifest/manifest.mk
include freezer/freezer.mk
include tests/tests.mk

# The host tools are always built: they make the images every target runs.
ifeq ($(TARGET),xtensa-qemu)
all: xtensa-qemu
else ifneq ($(TARGET),host)
$(error TARGET=$(TARGET): the targets are host and xtensa-qemu)
endif

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

deps:
	@sh tools/install-deps.sh

demo-run: all
	$(BUILD)/freeze build examples/hello/manifest.yaml -t host -o $(BUILD)/hello
	$(BUILD)/hello/hello

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/freeze/host \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(BUILD)/freeze $(BUILD)/mpycross $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(HOST_RUNTIME_LIB) $(DESTDIR)$(PREFIX)/lib/freeze/host/
	install -m 755 $(HOST_VM) $(DESTDIR)$(PREFIX)/lib/freeze/host/
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
