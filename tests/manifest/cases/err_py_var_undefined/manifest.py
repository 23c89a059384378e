module("$(BOARD_DIR)/m.py")
