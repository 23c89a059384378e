# freezer/: the freeze command: build orchestration, image linker, writers, reports.
FREEZER_SRC := $(sort $(wildcard freezer/*.c))
# runtime/image.c is the one reader of the image format: freeze inspect uses it too.
FREEZE_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(FREEZER_SRC) $(MANIFEST_SRC)) $(OBJ)/runtime/image.o

all: $(BUILD)/freeze

$(BUILD)/freeze: $(FREEZE_OBJ) $(MPYCROSS_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
