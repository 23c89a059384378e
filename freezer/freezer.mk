# freezer/: the freeze command: build orchestration, image linker, writers, reports.
FREEZER_SRC := $(sort $(wildcard freezer/*.c))
# runtime/image.c is the one reader of the image format: freeze inspect uses it too, built
# with zlib's CRC-32 (the runtime's own is small rather than fast).
FREEZE_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(FREEZER_SRC) $(MANIFEST_SRC)) $(OBJ)/freezer/image-zlib.o

$(OBJ)/freezer/image-zlib.o: runtime/image.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DIMAGE_CRC_ZLIB -c $< -o $@

all: $(BUILD)/freeze

$(BUILD)/freeze: $(FREEZE_OBJ) $(MPYCROSS_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
