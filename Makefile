# ordesk — an order desk in a terminal.
#
#   make            build ./ordesk
#   make run        install what is missing, build, open the board on a demo store
#   make check      install what is missing, build, run every test suite
#   make check-one T=NAME   one test: a shell file (T=t70_report), a unit binary
#                   (T=test_report) or a Check test case (T=health); tests/README
#   GOLDEN=update   with check or check-one: rewrite every golden file and
#                   screen dump from what the code makes now (read the diff)
#   make check-san  the same suites under AddressSanitizer and UBSan
#   make bench      measure and print (never asserts)
#   make install    PREFIX, DESTDIR, MANDIR honoured
#   make install-shared    as root: one store for many logins (README, "Shared installation")
#   V=1             show the commands

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(if $(filter /usr/local,$(PREFIX)),/etc,$(PREFIX)/etc))
LOCALSTATEDIR ?= /var/lib
ORDESK_GROUP ?= ordesk
SHARED_DIR ?= $(LOCALSTATEDIR)/ordesk

B         ?= build
BIN       ?= ordesk
PKG_CONFIG ?= pkg-config

# (its feature macros are dropped: ALL_CFLAGS sets newer ones, and a redefinition is an error)
NCURSES_CFLAGS ?= $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   ?= $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
SQLITE_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS    ?= $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
CHECK_CFLAGS   ?= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS     ?= $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck)
CSV_LIBS       ?= -lcsv

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wwrite-strings -Wcast-qual -Wcast-align -Wpointer-arith \
        -Wundef -Wnull-dereference -Wold-style-definition -Wredundant-decls \
        -Wmissing-declarations -Wvla -Wimplicit-fallthrough
OPT      ?= -O2 -g
SAN      ?=
CFLAGS   ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
             -DORDESK_VERSION='"$(VERSION)"' -DORDESK_LOCALEDIR='"$(DATADIR)/locale"' -DORDESK_SYSCONFDIR='"$(SYSCONFDIR)"' \
             -pthread -Iinclude $(SQLITE_CFLAGS) $(WARN) $(SAN) $(CFLAGS)
ALL_LDFLAGS = -pthread $(SAN) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Everything below the TUI: linked by the tests without curses.
LIB_DIRS := core store desk import report
LIB_SRC  := $(foreach d,$(LIB_DIRS),$(wildcard src/$(d)/*.c))
TUI_SRC  := $(wildcard src/tui/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
EMBED_IN := $(sort $(wildcard data/migrations/*.sql) $(wildcard data/profiles/*.profile))

LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/embedded.o
TUI_OBJ  := $(TUI_SRC:%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
LIBA     := $(B)/libordesk.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIT_HELP_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard tests/unit/support_*.c))
SH_TESTS := $(sort $(wildcard tests/sh/t[0-9]*.sh))
FAULTSHIM := $(B)/tests/faultshim.so

# The test support objects are built as intermediates; keep them (and keep
# make from printing their removal after the test counts).
.SECONDARY: $(UNIT_HELP_OBJ)

.PHONY: all run check check-one check-unit check-sh check-san deps bench install uninstall \
        install-shared uninstall-shared clean fuzz

all: $(BIN)

$(BIN): $(CLI_OBJ) $(TUI_OBJ) $(LIBA)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LIBA) $(NCURSES_LIBS) $(SQLITE_LIBS) $(CSV_LIBS) -lm

$(LIBA): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/src/tui/%.o: src/tui/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(NCURSES_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# SYSCONFDIR is compiled into dbpath.o: it is rebuilt when the directory
# changes (make; make install-shared PREFIX=/opt/ordesk must agree).
$(B)/sysconfdir.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(SYSCONFDIR)' | cmp -s - $@ || echo '$(SYSCONFDIR)' > $@
$(B)/src/cli/dbpath.o: $(B)/sysconfdir.stamp
.PHONY: FORCE
FORCE:

# Schema migrations and import profiles are compiled into the binary.
$(B)/gen/embedded.c: src/gen/embed.awk $(EMBED_IN) Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)awk -f src/gen/embed.awk $(EMBED_IN) > $@.tmp && mv $@.tmp $@

$(B)/gen/embedded.o: $(B)/gen/embedded.c
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(UNIT_HELP_OBJ) $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(UNIT_HELP_OBJ) $(LIBA) \
	    $(ALL_LDFLAGS) $(SQLITE_LIBS) $(CSV_LIBS) $(CHECK_LIBS) -lm

$(B)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests/unit -MMD -MP -c -o $@ $<

# What every test run gets: where tests/ is (goldens resolve from it, not from
# the working directory) and GOLDEN=update, which rewrites the goldens.
GOLDEN   ?=
TEST_ENV  = ORDESK_TESTS=$(CURDIR)/tests ORDESK_GOLDEN=$(GOLDEN)

deps:
	@sh src/gen/deps.sh

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@./$(BIN) --db "$${ORDESK_DB:-$(CURDIR)/demo.db}" demo --refresh
	@if [ -t 1 ]; then ./$(BIN) --db "$${ORDESK_DB:-$(CURDIR)/demo.db}" board; \
	 else ./$(BIN) --db "$${ORDESK_DB:-$(CURDIR)/demo.db}" orders | head -40; fi

check: deps
	@$(MAKE) --no-print-directory check-unit check-sh

# make check-one T=NAME: one shell test file, unit binary or Check test case
# (tests/sh/one.sh says how NAME is looked up).
check-one: $(BIN) $(UNIT_BIN) $(FAULTSHIM)
	@$(TEST_ENV) B=$(B) ORDESK=$(abspath $(BIN)) FAULTSHIM=$(abspath $(FAULTSHIM)) ORDESK_DATA=$(CURDIR)/data \
	  sh tests/sh/one.sh '$(T)'

check-unit: $(BIN) $(UNIT_BIN)
	@pass=0; fail=0; \
	for t in $(UNIT_BIN); do \
	  out=$$(CK_DEFAULT_TIMEOUT=120 ORDESK_DATA=$(CURDIR)/data $(TEST_ENV) ./$$t 2>&1); rc=$$?; \
	  printf '%s\n' "$$out"; \
	  sum=$$(printf '%s\n' "$$out" | sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' | tail -n 1); \
	  if [ -z "$$sum" ]; then echo "$$t: no Check summary (exit $$rc)"; fail=$$((fail+1)); continue; fi; \
	  set -- $$sum; pass=$$((pass+$$1-$$2-$$3)); fail=$$((fail+$$2+$$3)); \
	  if [ $$rc -ne 0 ] && [ $$(($$2+$$3)) -eq 0 ]; then echo "$$t: exit $$rc"; fail=$$((fail+1)); fi; \
	done; \
	echo "unit: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

check-sh: $(BIN) $(FAULTSHIM)
	@$(TEST_ENV) ORDESK=$(CURDIR)/$(BIN) FAULTSHIM=$(CURDIR)/$(FAULTSHIM) ORDESK_BUILD=$(abspath $(B)) \
	  sh tests/sh/run.sh $(SH_TESTS)

# The I/O fault injector tests/sh/t78_faults.sh preloads (plain C, no sanitizer).
$(FAULTSHIM): tests/fault/faultshim.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) -shared -fPIC -O1 $(WARN) -o $@ $< -ldl

check-san:
	@$(MAKE) --no-print-directory B=build-san BIN=build-san/ordesk \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  OPT="-O1 -g" check-unit check-sh

bench: $(BIN) $(FAULTSHIM)
	@ORDESK=$(CURDIR)/$(BIN) FAULTSHIM=$(CURDIR)/$(FAULTSHIM) sh tests/bench/run.sh

# make fuzz: the import's libFuzzer target (tests/fuzz/fuzz_import.c) under
# ASan and UBSan for FUZZ_SECONDS, seeded from tests/data/import; needs clang
# with libFuzzer (Debian: clang, libclang-rt-dev).  Findings go to build-fuzz/.
FUZZ_SECONDS ?= 120
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# reads of 509 bytes: inputs cross the reader's buffer ends (cut characters,
# CR LF split) and outgrow the part the encoding is guessed from
FUZZ_DEFS    := -DIMPORT_READ_CHUNK=509

fuzz:
	@$(MAKE) --no-print-directory B=build-fuzz BIN=build-fuzz/ordesk CC=$(FUZZ_CC) OPT="-O1 -g" \
	  SAN="$(FUZZ_SAN) $(FUZZ_DEFS) -fsanitize=fuzzer-no-link" build-fuzz/fuzz_import
	@mkdir -p build-fuzz/corpus
	build-fuzz/fuzz_import -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=30 \
	  -artifact_prefix=build-fuzz/ build-fuzz/corpus tests/data/import

$(B)/fuzz_import: tests/fuzz/fuzz_import.c $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBA) $(ALL_LDFLAGS) $(SQLITE_LIBS) $(CSV_LIBS) -lm

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/ordesk
	install -m 0644 man/ordesk.1 $(DESTDIR)$(MANDIR)/man1/ordesk.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ordesk $(DESTDIR)$(MANDIR)/man1/ordesk.1

# The shared installation: the group $(ORDESK_GROUP) alone reaches $(SHARED_DIR);
# ordesk is installed setgid to it, so operators reach the store only through
# ordesk, whose roles decide what they may do.  Root runs `ordesk init` and is
# the store's first admin (ADMIN=LOGIN names another).  With DESTDIR (packaging)
# only the files are staged: the group, owners and store are for postinst.
install-shared: $(BIN)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" != 0 ]; then \
	  echo "install-shared: run it as root (it creates the group $(ORDESK_GROUP) and $(SHARED_DIR))" >&2; exit 1; fi
	@if [ -z "$(DESTDIR)" ] && ! getent group $(ORDESK_GROUP) >/dev/null; then \
	  echo "groupadd --system $(ORDESK_GROUP)"; groupadd --system $(ORDESK_GROUP); fi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSCONFDIR)/ordesk
	install -d -m 2770 $(DESTDIR)$(SHARED_DIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/ordesk
	install -m 0644 man/ordesk.1 $(DESTDIR)$(MANDIR)/man1/ordesk.1
	@conf=$(DESTDIR)$(SYSCONFDIR)/ordesk/ordesk.conf; if [ ! -e "$$conf" ]; then \
	  echo "writing $$conf"; \
	  printf '# The store every login of this host works on (see ordesk(1), FILES).\ndb = %s\n' \
	    '$(SHARED_DIR)/ordesk.db' > "$$conf.tmp" && chmod 0644 "$$conf.tmp" && mv "$$conf.tmp" "$$conf"; \
	else echo "keeping $$conf"; fi
	@if [ -n "$(DESTDIR)" ]; then \
	  echo "staged in $(DESTDIR): as root, create the group $(ORDESK_GROUP), then chown root:$(ORDESK_GROUP)" \
	       "$(SHARED_DIR) $(BINDIR)/ordesk, chmod 2770 $(SHARED_DIR), chmod 2755 $(BINDIR)/ordesk," \
	       "and run ordesk init"; \
	else \
	  set -e; \
	  chown root:$(ORDESK_GROUP) $(SHARED_DIR) && chmod 2770 $(SHARED_DIR); \
	  chown root:$(ORDESK_GROUP) $(BINDIR)/ordesk && chmod 2755 $(BINDIR)/ordesk; \
	  env -u ORDESK_DB -u ORDESK_NOW XDG_CONFIG_HOME=/nonexistent \
	    $(BINDIR)/ordesk init $(if $(ADMIN),--admin $(ADMIN)); \
	  for f in $(SHARED_DIR)/ordesk.db $(SHARED_DIR)/ordesk.db-wal $(SHARED_DIR)/ordesk.db-shm; do \
	    if [ -e "$$f" ]; then chown root:$(ORDESK_GROUP) "$$f"; chmod 0660 "$$f"; fi; done; \
	  echo "ordesk: shared store $(SHARED_DIR)/ordesk.db ready; add operators with: ordesk users add LOGIN --role ROLE"; \
	fi

# Removes the program, its man page and the system configuration; the store
# in $(SHARED_DIR) and the group $(ORDESK_GROUP) stay.
uninstall-shared:
	rm -f $(DESTDIR)$(BINDIR)/ordesk $(DESTDIR)$(MANDIR)/man1/ordesk.1 \
	      $(DESTDIR)$(SYSCONFDIR)/ordesk/ordesk.conf
	rmdir $(DESTDIR)$(SYSCONFDIR)/ordesk 2>/dev/null || true
	@echo "ordesk: the store in $(SHARED_DIR) and the group $(ORDESK_GROUP) are left in place"

clean:
	rm -rf $(B) build-san $(BIN)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
