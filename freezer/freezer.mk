# freezer/: the freeze command: build orchestration, image linker, writers, reports.
FREEZER_SRC := $(sort $(wildcard freezer/*.c))
# runtime/image.c is the one reader of the image format: freeze inspect uses it too.
FREEZE_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(FREEZER_SRC) $(MANIFEST_SRC)) $(OBJ)/runtime/image.o
# Stand-ins for compiler API functions mpycross/ lacks so far. The archive comes after
# libmpycross.a on the link line, so the linker takes from it only what that lacks.
FREEZE_FALLBACK_LIB := $(BUILD)/freezer/libfallback.a

all: $(BUILD)/freeze

$(FREEZE_FALLBACK_LIB): $(OBJ)/freezer/fallback/mpycross.o
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/freeze: $(FREEZE_OBJ) $(MPYCROSS_LIB) $(FREEZE_FALLBACK_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
