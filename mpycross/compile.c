// placeholder
int mpyc_placeholder(void);
int mpyc_placeholder(void) { return 0; }
