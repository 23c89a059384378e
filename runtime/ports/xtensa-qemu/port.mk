# runtime/ports/xtensa-qemu/port.mk: the port to QEMU's `sim` machine (-cpu lx106), built
# with Debian's xtensa-lx106-elf-gcc (call0 ABI) into $(BUILD)/xtensa-qemu/, apart from
# every host object.
#   make xtensa-qemu     the port library at -Os and at -O2, and the port's test programs;
#                        the runtime library libfreezert.a (runtime + port + main.c, which
#                        runs the linked frozen image) at both levels, and beside it what
#                        freeze build -t xtensa-qemu links apps with: $(BUILD)/xtensa-qemu/
#                        {libfreezert.a (-Os), xtensa-qemu-app.ld and the scripts it includes}
# Without the cross compiler the target prints a note and does nothing, and the host
# build and tests do not depend on it (tests/ports/xtensa-qemu/run.sh prints skips).
# XTENSA_CROSS selects another toolchain prefix.
XTENSA_CROSS ?= xtensa-lx106-elf-
XQ_CC := $(XTENSA_CROSS)gcc
XQ_AR := $(XTENSA_CROSS)ar
XQ_FOUND := $(shell command -v $(XQ_CC) 2>/dev/null)
XQ_DIR := $(BUILD)/xtensa-qemu
XQ_PORT := runtime/ports/xtensa-qemu
XQ_LD := linker-scripts/xtensa-qemu.ld
XQ_SRC := $(sort $(wildcard $(XQ_PORT)/*.c $(XQ_PORT)/*.S $(XQ_PORT)/libgcc/*.c $(XQ_PORT)/libc/*.c \
                       $(XQ_PORT)/libc/*.S))
# main.c is the apps' entry point: in libfreezert.a only (the port's test programs have
# their own main).
XQ_SRC := $(filter-out $(XQ_PORT)/main.c,$(XQ_SRC))
XQ_RT_SRC := $(RUNTIME_SRC) $(XQ_PORT)/main.c
# -mtext-section-literals: literals beside their code, in IRAM (see the .ld file);
# -mlongcalls: calls of any reach, relaxed back to call0 by the linker where in range;
# -fno-tree-loop-distribute-patterns: libc/ must not turn its loops into calls to itself.
# portconfig.h sets the runtime's CONFIG_* for this port (single-precision floats).
XQ_CFLAGS := -std=c11 $(WARN) -g -I. -I$(BUILD)/gen -isystem $(XQ_PORT)/libc/include -ffreestanding \
             -include $(XQ_PORT)/portconfig.h \
             -mtext-section-literals -mlongcalls -ffunction-sections -fdata-sections \
             -fno-tree-loop-distribute-patterns -MMD -MP
# A program links its objects, then the port library with libgcc for what we do not
# replace (64-bit shifts, clz, float <-> 64-bit integer): the group lets either use
# the other, and the port library comes first so its helpers win.
XQ_LDFLAGS := -nostdlib -Wl,--gc-sections -Llinker-scripts -T $(XQ_LD)
XQ_LIBS = -Wl,--start-group $(1) -lgcc -Wl,--end-group
XQ_VARIANTS := Os O2
XQ_TESTS := helpers mathf specialf smoke fault hang
# The tests whose output run.sh compares with the same program built for the host.
XQ_DIFF_HOST := $(patsubst %,$(BUILD)/tests/ports/xtensa-qemu/%-host,helpers mathf specialf image)
# image.c links at test time with the frozen.o that freeze writes then, so make builds
# only its objects (the runtime's image reader among them).
XQ_IMAGE_OBJ := $(XQ_DIR)/Os/obj/tests/ports/xtensa-qemu/image.o $(XQ_DIR)/Os/obj/runtime/image.o
# inplace.c links at test time too, on the target and on the host, with an image.
XQ_INPLACE_OBJ := $(XQ_DIR)/Os/obj/tests/ports/xtensa-qemu/inplace.o \
                  $(OBJ)/tests/ports/xtensa-qemu/inplace.o
# The host runner built with this port's float configuration (single precision): the
# golden tests' single-precision expectations are its output (tests/ports/xtensa-qemu/
# expected/README.md).
XQ_SINGLE_VM := $(BUILD)/tests/ports/xtensa-qemu/fzvm-single
XQ_SINGLE_OBJ := $(patsubst %.c,$(BUILD)/obj-single/%.o,$(RUNTIME_SRC) $(wildcard runtime/ports/host/*.c))

# What freeze finds beside itself (freezer/locate.c): the -Os library and the scripts.
XQ_APP_FILES := $(XQ_DIR)/libfreezert.a $(XQ_DIR)/xtensa-qemu-app.ld $(XQ_DIR)/xtensa-qemu.ld \
                $(XQ_DIR)/frozen-image.ld

.PHONY: xtensa-qemu
ifeq ($(XQ_FOUND),)
xtensa-qemu:
	@echo "xtensa-qemu: $(XQ_CC) not found; skipping the port (install gcc-xtensa-lx106)"
else
xtensa-qemu: $(foreach v,$(XQ_VARIANTS),$(XQ_DIR)/$(v)/libxqport.a $(XQ_DIR)/$(v)/libfreezert.a \
                 $(patsubst %,$(XQ_DIR)/$(v)/tests/%.elf,$(XQ_TESTS))) $(XQ_APP_FILES)
# The tests run every program at both levels and compare helpers with the host's.
test-run: xtensa-qemu $(XQ_DIFF_HOST) $(XQ_IMAGE_OBJ) $(XQ_INPLACE_OBJ) $(XQ_SINGLE_VM)
endif

# One set of rules per optimisation level: $(XQ_DIR)/<level>/{obj/,libxqport.a,tests/}.
define XQ_VARIANT
$(XQ_DIR)/$(1)/obj/runtime/qstr.o: $(QSTR_HASH_H)

$(XQ_DIR)/$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$(XQ_CC) $(XQ_CFLAGS) -$(1) -c $$< -o $$@

$(XQ_DIR)/$(1)/obj/%.o: %.S
	@mkdir -p $$(dir $$@)
	$(XQ_CC) $(XQ_CFLAGS) -$(1) -c $$< -o $$@

$(XQ_DIR)/$(1)/libxqport.a: $(patsubst %,$(XQ_DIR)/$(1)/obj/%.o,$(basename $(XQ_SRC)))
	@mkdir -p $$(dir $$@)
	rm -f $$@
	$(XQ_AR) rcs $$@ $$^

$(XQ_DIR)/$(1)/libfreezert.a: $(patsubst %,$(XQ_DIR)/$(1)/obj/%.o,$(basename $(XQ_SRC) $(XQ_RT_SRC)))
	@mkdir -p $$(dir $$@)
	rm -f $$@
	$(XQ_AR) rcs $$@ $$^

$(XQ_DIR)/$(1)/tests/%.elf: $(XQ_DIR)/$(1)/obj/tests/ports/xtensa-qemu/%.o \
                            $(XQ_DIR)/$(1)/libxqport.a $(XQ_LD) linker-scripts/frozen-image.ld
	@mkdir -p $$(dir $$@)
	$(XQ_CC) $(XQ_LDFLAGS) -o $$@ $$< $$(call XQ_LIBS,$(XQ_DIR)/$(1)/libxqport.a)
endef
$(foreach v,$(XQ_VARIANTS),$(eval $(call XQ_VARIANT,$(v))))

.PRECIOUS: $(foreach v,$(XQ_VARIANTS),$(XQ_DIR)/$(v)/obj/%.o)

# make install puts them where an installed freeze looks: $(PREFIX)/lib/freeze/xtensa-qemu/.
.PHONY: install-xtensa-qemu
ifneq ($(XQ_FOUND),)
install: install-xtensa-qemu
endif
install-xtensa-qemu: $(XQ_APP_FILES)
	install -d $(DESTDIR)$(PREFIX)/lib/freeze/xtensa-qemu
	install -m 644 $(XQ_APP_FILES) $(DESTDIR)$(PREFIX)/lib/freeze/xtensa-qemu/

$(XQ_DIR)/libfreezert.a: $(XQ_DIR)/Os/libfreezert.a
	cp $< $@
$(XQ_DIR)/%.ld: linker-scripts/%.ld
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/tests/ports/xtensa-qemu/image-host: $(OBJ)/tests/ports/xtensa-qemu/image.o \
                                            $(OBJ)/runtime/image.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/ports/xtensa-qemu/%-host: $(OBJ)/tests/ports/xtensa-qemu/%.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lm

$(BUILD)/obj-single/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DCONFIG_FLOAT_DOUBLE=0 -DCONFIG_MATH_SPECIAL=1 -c $< -o $@

$(XQ_SINGLE_VM): $(XQ_SINGLE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lm
