# The host port: the runtime as a static library (linked into app executables by
# freeze build -t host) and fzvm, the runner used by freeze run and the tests.
HOST_PORT_SRC := $(filter-out runtime/ports/host/main.c,$(sort $(wildcard runtime/ports/host/*.c)))
HOST_RUNTIME_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(RUNTIME_SRC) $(HOST_PORT_SRC))
HOST_RUNTIME_LIB := $(BUILD)/host/libfreezert.a
HOST_VM := $(BUILD)/host/fzvm

all: $(HOST_RUNTIME_LIB) $(HOST_VM)

$(HOST_RUNTIME_LIB): $(HOST_RUNTIME_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(HOST_VM): $(OBJ)/runtime/ports/host/main.o $(HOST_RUNTIME_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ -lm
