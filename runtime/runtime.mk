# runtime/: the VM, object model, GC and builtins; built per target by each port.mk.
RUNTIME_SRC := $(sort $(wildcard runtime/*.c))
