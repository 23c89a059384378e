# freezer/: the freeze command: build orchestration, image linker, writers, reports.
FREEZER_SRC := $(sort $(wildcard freezer/*.c))
FREEZE_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(FREEZER_SRC) $(MANIFEST_SRC))

all: $(BUILD)/freeze

$(BUILD)/freeze: $(FREEZE_OBJ) $(MPYCROSS_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm
