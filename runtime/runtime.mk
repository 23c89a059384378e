# runtime/: the VM, object model, GC and builtins; built per target by each port.mk.
RUNTIME_SRC := $(sort $(wildcard runtime/*.c))

# The built-in qstrs' hashes and their order by hash, made on the build machine by
# runtime/gen/qstrhash.c, for every target (qstr.c includes it as runtime/qstrhash.h).
QSTR_HASH_GEN := $(BUILD)/gen/qstrhash
QSTR_HASH_H := $(BUILD)/gen/runtime/qstrhash.h
ALL_CFLAGS += -I$(BUILD)/gen

$(QSTR_HASH_GEN): runtime/gen/qstrhash.c runtime/qstr.h runtime/config.h runtime/qstrdefs.h runtime/qstrnames.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -I. -o $@ $<

$(QSTR_HASH_H): $(QSTR_HASH_GEN)
	@mkdir -p $(dir $@)
	$(QSTR_HASH_GEN) >$@.tmp && mv $@.tmp $@

$(OBJ)/runtime/qstr.o $(BUILD)/obj-single/runtime/qstr.o: $(QSTR_HASH_H)
