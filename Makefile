# Makefile — builds missionc, runs its tests and benchmarks.
# `make exemples` sets everything up and checks the example letters; `make test`
# runs every test; `make test SANITIZE=1` the same under ASan+UBSan.

CC      ?= cc
# make install PREFIX=… DESTDIR=…: the binary knows DATADIR (compiled in).
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/missionc
# Where the installed missionc looks for its subset fonts; the Debian package
# makes them there on the machine (INSTALL_FONTS=non, debian/rules).
FONTSDIR = $(DATADIR)/polices
INSTALL_FONTS = oui
MANDIR  = $(PREFIX)/share/man
INSTALL ?= install
BISON   ?= bison
FLEX    ?= flex

WARN    = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wformat=2
CSTD    = -std=c11 -D_POSIX_C_SOURCE=200809L
OPT     ?= -O2 -g

# libhyphen's own leak at loading (tests/lsan.supp), for every sanitized
# build: SANITIZE=1 and the fuzzers.
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

ifeq ($(SANITIZE),1)
BUILD   = build/san
OPT     = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all
else ifeq ($(SANITIZE),thread)
# The batch's threads under ThreadSanitizer: `make lot SANITIZE=thread`.
BUILD   = build/tsan
OPT     = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=thread
else ifeq ($(SANITIZE),fuzz)
# The libFuzzer harnesses of tests/fuzz/ (make fuzz): clang, ASan + UBSan.
CC      = clang
BUILD   = build/fuzz
OPT     = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
else ifeq ($(SANITIZE),couverture)
# The same harnesses measuring line coverage (make fuzz-couverture).
CC      = clang
BUILD   = build/fuzz-cov
OPT     = -O0 -g
SANFLAGS = -fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping
else
BUILD   = build/rel
SANFLAGS =
endif

GEN     = $(BUILD)/gen
CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(SANFLAGS) -Icompiler -I$(GEN) $(CPPFLAGS) $(CFLAGS)
LDLIBS  = -lhpdf -lpng -ldeflate -lcsv -lcjson -lutf8proc -lhyphen -lm -lpthread
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

LIB_SRC = $(wildcard compiler/*.c)
CLI_SRC = $(wildcard cli/*.c)
LIB_OBJ = $(LIB_SRC:compiler/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/parse.tab.o $(BUILD)/lib/lex.o \
          $(BUILD)/lib/srgb_icc.o $(BUILD)/lib/hyph_fr.o $(BUILD)/lib/stdlib_images.o
CLI_OBJ = $(CLI_SRC:cli/%.c=$(BUILD)/cli/%.o)
LIB     = $(BUILD)/libmissionc.a

ifneq ($(SANITIZE),)
BIN     = $(BUILD)/missionc
else
BIN     = missionc
endif

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# What building and running need (make deps), and what only the tests need
# (make deps-test, run by make test): a user who only renders letters gets no
# JVM, npm, cmark, qpdf or valgrind.
DEBIAN_PACKAGES = gcc make flex bison pkg-config libcjson-dev libutf8proc-dev \
                  libcsv-dev libhpdf-dev libpng-dev libdeflate-dev libharfbuzz-bin fonts-liberation2 \
                  icc-profiles-free libhyphen-dev hyphen-fr libqpdf-dev
DEBIAN_TEST_PACKAGES = libcmocka-dev valgrind cmark qpdf poppler-utils \
                  default-jre-headless python3 mandoc man-db neovim \
                  emacs-nox elpa-eglot vim vim-ale zsh
# The fuzzing (make fuzz, fuzz-ci, fuzz-couverture): clang's libFuzzer and
# llvm-cov.
DEBIAN_FUZZ_PACKAGES = clang llvm libclang-rt-dev

# The PDF's fonts: Liberation (metrics of Arial), subset at build time to the
# Windows-1252 repertoire the PDF prints with (tools/reduire-polices.sh), so
# each letter embeds 3 × ~17 Ko instead of whole fonts (PDF-NOTES). Shared by
# both builds.
FONTS_DIR  = build/polices
FONT_SRC   = /usr/share/fonts/truetype/liberation2
FONT_NAMES := $(shell sh tools/reduire-polices.sh --noms)
FONTS      = $(FONT_NAMES:%=$(FONTS_DIR)/%.ttf) $(FONT_NAMES:%=$(FONTS_DIR)/%-Ext.ttf)
# The Latin letters beyond Windows-1252 (Turkish, Polish, Romanian, Czech,
# Vietnamese…) in second fonts F-Ext.ttf that only the letters using them
# embed (compiler/pdf_charset.def; the script holds the same list).

PHONY_LSP = bench-lsp format lsp-test nvim-test emacs-test ale-test vscode surveiller
.PHONY: FORCE modules aide paquet-test install uninstall install-test man-lint all deps deps-test deps-fuzz fuzz fuzz-ci fuzz-run fuzz-couverture fuzz-couverture-run exemples exemples-run test tests typo unit golden sarif rendu lot sorties bench clean lint valgrind docs docs-check textes $(PHONY_LSP)

all: $(BIN) $(FONTS)

$(FONTS_DIR)/%-Ext.ttf: $(FONT_SRC)/%.ttf tools/reduire-polices.sh
	@mkdir -p $(FONTS_DIR)
	sh tools/reduire-polices.sh --etendue $< $@

$(FONTS_DIR)/%.ttf: $(FONT_SRC)/%.ttf tools/reduire-polices.sh
	@mkdir -p $(FONTS_DIR)
	sh tools/reduire-polices.sh $< $@

# The Nu HTML checker, from npm (run with the machine’s Java) for the tests;
# kept out of build/ so that « make clean » does not download it again.
VNU_VERSION = 26.9.27
VNU_JAR = .deps/vnu/node_modules/vnu-jar/build/dist/vnu.jar
# The SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json) and ajv 6 that validates
# against it, both from the npm package @microsoft/jest-sarif.
SARIF_DEPS ?= .deps/sarif
SARIF_PKG = @microsoft/jest-sarif@1.0.0-beta.0
SARIF_SCHEMA = $(SARIF_DEPS)/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json

# Installs the Debian packages in $(1) that are missing (idempotent; as root).
define apt_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets :$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "Paquets Debian ($(2)) : tout est installé."; fi
endef

deps:
	$(call apt_missing,$(DEBIAN_PACKAGES),construction)

deps-test: deps
	$(call apt_missing,$(DEBIAN_TEST_PACKAGES),tests)
	@# Some machines have npm from Node.js's own package, which conflicts with Debian's npm.
	@command -v npm >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	@[ -f $(VNU_JAR) ] || { echo "Installation du validateur HTML (vnu-jar, npm)"; \
	  npm install --silent --no-audit --no-fund --prefix .deps/vnu vnu-jar@$(VNU_VERSION); }
	@[ -f $(SARIF_SCHEMA) ] || { echo "Installation du schéma SARIF et de son validateur (npm)"; \
	  npm install --silent --no-audit --no-fund --prefix $(SARIF_DEPS) $(SARIF_PKG); }

deps-fuzz: deps
	$(call apt_missing,$(DEBIAN_FUZZ_PACKAGES),fuzzing)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(GEN)/parse.tab.c $(GEN)/parse.tab.h &: grammar/parse.y
	@mkdir -p $(GEN)
	$(BISON) -Wall -Werror --defines=$(GEN)/parse.tab.h -o $(GEN)/parse.tab.c $<

$(GEN)/lex.c $(GEN)/lex.h &: grammar/lex.l
	@mkdir -p $(GEN)
	$(FLEX) --header-file=$(GEN)/lex.h -o $(GEN)/lex.c $<

# The sRGB profile of the PDF/A output intent (compiler/pdf_archive.c), from
# Debian's icc-profiles-free, built into the program deflated as the PDF
# embeds it (tools/icc_table.c, with the deflating code of the program).
ICC_SRGB = /usr/share/color/icc/sRGB.icc
$(BUILD)/tools/icc_table: tools/icc_table.c compiler/pdf_font.c compiler/pdf_font.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O2 $(WARN) -Icompiler $(CPPFLAGS) -o $@ tools/icc_table.c compiler/pdf_font.c -lhpdf

$(GEN)/srgb_icc.c: $(ICC_SRGB) $(BUILD)/tools/icc_table
	@mkdir -p $(GEN)
	$(BUILD)/tools/icc_table $(ICC_SRGB) >$@.tmp && mv $@.tmp $@

$(BUILD)/lib/srgb_icc.o: $(GEN)/srgb_icc.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The French hyphenation patterns of hyphen-fr as libhyphen's loader makes
# them a state machine, compiled in (compiler/pdf_hyphen.c): built here once
# rather than at each start. The generator runs on the build machine, as
# it is, without the sanitizers. The file is MC_HYPHEN_FR (pdf_hyphen.h).
HYPHEN_FR = /usr/share/hyphen/hyph_fr.dic
$(BUILD)/tools/hyphen_table: tools/hyphen_table.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O2 $(WARN) $(CPPFLAGS) -o $@ $< -lhyphen

$(GEN)/hyph_fr.c: $(HYPHEN_FR) $(BUILD)/tools/hyphen_table
	@mkdir -p $(GEN)
	$(BUILD)/tools/hyphen_table $(HYPHEN_FR) mc_hyph_fr >$@.tmp && mv $@.tmp $@

$(BUILD)/lib/hyph_fr.o: $(GEN)/hyph_fr.c compiler/hyphen_table.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The référentiels of stdlib/ parsed at build time, their syntax trees
# compiled in (compiler/ast_image.h): a start reads the files but parses
# only one whose bytes differ from these. The generator is the library
# itself, without the tables it makes.
STDLIB_SRC = $(sort $(wildcard stdlib/*.mission))
IMAGE_TOOL_OBJ = $(filter-out $(BUILD)/lib/stdlib_images.o,$(LIB_OBJ))
$(BUILD)/tools/stdlib_image: tools/stdlib_image.c $(IMAGE_TOOL_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(IMAGE_TOOL_OBJ) $(LDLIBS) $(LDFLAGS_ALL)

$(GEN)/stdlib_images.c: $(BUILD)/tools/stdlib_image $(STDLIB_SRC)
	@mkdir -p $(GEN)
	LLVM_PROFILE_FILE=/dev/null $(BUILD)/tools/stdlib_image $(STDLIB_SRC) >$@.tmp && mv $@.tmp $@

$(BUILD)/lib/stdlib_images.o: $(GEN)/stdlib_images.c $(wildcard compiler/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# Generated code: our warnings, minus the ones flex's skeleton trips.
GENWARN = -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
          -Wno-unused-parameter -Wno-shadow

$(BUILD)/lib/parse.tab.o: $(GEN)/parse.tab.c $(GEN)/lex.h $(wildcard compiler/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(GENWARN) -c -o $@ $<

$(BUILD)/lib/lex.o: $(GEN)/lex.c $(GEN)/parse.tab.h $(wildcard compiler/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(GENWARN) -c -o $@ $<

$(BUILD)/lib/%.o: compiler/%.c $(GEN)/parse.tab.h $(GEN)/lex.h $(wildcard compiler/*.h compiler/*.def)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/cli/%.o: cli/%.c $(wildcard cli/*.h compiler/*.h) $(BUILD)/datadir
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DMISSIONC_DATADIR='"$(DATADIR)"' -DMISSIONC_FONTS_DIR='"$(FONTSDIR)"' -c -o $@ $<

# libqpdf is not linked: `lot --recueil` loads it by its soname
# (cli/qpdf_lib.c), the one of the libqpdf-dev at hand, rewritten only when it
# changes.
QPDF_SONAME = $(shell objdump -p "$$($(CC) -print-file-name=libqpdf.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
$(GEN)/qpdf_soname.h: FORCE
	@mkdir -p $(dir $@)
	@so='$(QPDF_SONAME)'; [ -n "$$so" ] || { echo "libqpdf.so introuvable (paquet libqpdf-dev) : lancez « make deps »"; exit 1; }; \
	echo "#define MISSIONC_QPDF_SONAME \"$$so\"" >$@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/cli/qpdf_lib.o: $(GEN)/qpdf_soname.h

# DATADIR as last compiled in: rewritten (and the CLI recompiled) only when
# PREFIX changes, so « make install PREFIX=/opt/m » after « make » is right.
$(BUILD)/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR) $(FONTSDIR)' >$@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

FORCE:

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ $< $(LIB) $(LDLIBS) -lcmocka $(LDFLAGS_ALL)

# The batch's command-line pieces are tested on their own too.
CLI_BATCH_OBJ = $(BUILD)/cli/batch_names.o $(BUILD)/cli/batch_report.o $(BUILD)/cli/csv_reader.o \
                $(BUILD)/cli/batch_folder.o $(BUILD)/cli/batch_merge.o $(BUILD)/cli/batch_resume.o \
                $(BUILD)/cli/batch_map.o
$(BUILD)/tests/test_cli_batch: tests/unit/test_cli_batch.c $(CLI_BATCH_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ $< $(CLI_BATCH_OBJ) $(LIB) $(LDLIBS) -lcmocka $(LDFLAGS_ALL)

# Sets up a fresh Debian machine, checks every example letter and renders it
# in the three formats into build/exemples/. deps runs in a make of its own:
# make reads a directory once, so fonts installed during this run would not be
# seen by the rules of the same run.
exemples:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory exemples-run

exemples-run: all
	@mkdir -p build/exemples/lot
	@status=0; for f in examples/*.mission; do \
	  name=$$(basename "$$f" .mission); \
	  ./$(BIN) verifier "$$f" && echo "$$f : conforme" || status=1; \
	  for fmt in pdf html md; do \
	    ./$(BIN) produire "$$f" -f $$fmt -o "build/exemples/$$name.$$fmt" >/dev/null || status=1; \
	  done; done; \
	for m in examples/lot/*.mission; do \
	  name=$$(basename "$$m" .mission); \
	  ./$(BIN) lot "$$m" "examples/lot/$$name.csv" -o "build/exemples/lot/$$name" --quiet \
	    || [ $$? = 1 ] || status=1; done; \
	[ $$status = 0 ] && echo "Lettres produites dans build/exemples/ (PDF, HTML, Markdown ; les lots dans build/exemples/lot/)."; exit $$status

test:
	@$(MAKE) --no-print-directory deps-test
	@$(MAKE) --no-print-directory tests

tests: modules typo unit golden sarif rendu lot sorties docs-check textes aide man-lint install-test format lsp-test nvim-test emacs-test ale-test surveiller

# No import cycles between modules; the core never includes cli/ headers.
modules:
	@python3 tests/check-modules.py

# French typography in what missionc says (diagnostics, help, reports, the
# référentiels' messages): no-break spaces before « : ; ! ? » and inside « ».
typo: $(BIN)
	@MISSIONC=./$(BIN) python3 tests/check-typo.py

# The référentiels quote the official texts word for word (needs ../shared/seeds).
textes:
	@if command -v python3 >/dev/null && [ -d ../shared/seeds ]; then \
	  python3 tests/textes_officiels.py ../shared/seeds; \
	else echo "textes officiels : graines ou python3 absents, vérification sautée"; fi

# docs/regles.md is generated from the stdlib; CI checks it is current.
docs: $(BIN)
	./$(BIN) --stdlib stdlib regles >docs/regles.md
	./$(BIN) modele >docs/modeles.md

docs-check: $(BIN)
	@./$(BIN) --stdlib stdlib regles | cmp -s - docs/regles.md \
	  || { echo "docs/regles.md n’est pas à jour : lancez « make docs »"; exit 1; }
	@./$(BIN) modele | cmp -s - docs/modeles.md \
	  || { echo "docs/modeles.md n’est pas à jour : lancez « make docs »"; exit 1; }
	@echo "docs/regles.md, docs/modeles.md : à jour."

# Rendering: golden HTML and Markdown, PDF checked by qpdf, pdftotext, pdfinfo;
# HTML by the Nu checker; Markdown by cmark.
rendu: all
	@[ -f $(VNU_JAR) ] || { echo "validateur HTML absent : lancez « make deps »"; exit 1; }
	@MISSIONC=./$(BIN) python3 tests/run-render.py

# Batches: bad rows, encodings, -j and --shard determinism, --reprendre,
# interruption (tests/run-batch.sh).
lot: all
	@MISSIONC=./$(BIN) QPDF_SONAME=$(QPDF_SONAME) sh tests/run-batch.sh

# produire -o: devices, FIFOs, folders, the source and unrelated files are
# never replaced nor removed (tests/run-sorties.sh).
sorties: all
	@MISSIONC=./$(BIN) sh tests/run-sorties.sh

# The formatter: reference cases, idempotence, same documents once formatted,
# examples and skeletons formatted (tests/format/run.sh).
format: $(BIN)
	@MISSIONC=./$(BIN) sh tests/format/run.sh

# The language server driven by a scripted JSON-RPC client (tests/run-lsp.py),
# against LSP 3.17 where clients differ (tests/run-lsp-conformance.py); the
# real editors are nvim-test, emacs-test. First, no mutable global in the
# library core nor in the server (tests/check-globals.sh).
lsp-test: $(BIN)
	@sh tests/check-globals.sh $(BUILD)
	@MISSIONC=./$(BIN) python3 tests/run-lsp.py
	@MISSIONC=./$(BIN) python3 tests/run-lsp-conformance.py

# The VS Code extension as a .vsix (npm: vscode-languageclient, @vscode/vsce),
# built out of the tree in build/vscode.
vscode:
	@rm -rf build/vscode && mkdir -p build && cp -r editors/vscode build/vscode
	cd build/vscode && npm install --silent --no-audit --no-fund && \
	  npx --yes @vscode/vsce package --allow-missing-repository --skip-license -o ../missionc.vsix
	@echo "Extension : build/missionc.vsix (code --install-extension build/missionc.vsix)"

nvim-test: $(BIN)
	@MISSIONC=./$(BIN) sh tests/nvim/run.sh

# produire --surveiller: rebuilt when the letter or the stdlib changes.
surveiller: all
	@MISSIONC=./$(BIN) sh tests/run-watch.sh

emacs-test: $(BIN)
	@MISSIONC=./$(BIN) sh tests/emacs/run.sh

# Vim and ALE (editors/vim/ale_linters), in a pseudo-terminal: skipped when
# absent.
ale-test: $(BIN)
	@MISSIONC=./$(BIN) sh tests/ale/run.sh

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; ./$$t || exit 1; done

golden: $(BIN)
	@MISSIONC=./$(BIN) sh tests/run-golden.sh

# --diagnostics=sarif on the examples and the bad letters, checked against the
# SARIF 2.1.0 schema.
sarif: $(BIN)
	@[ -f $(SARIF_SCHEMA) ] || { echo "schéma SARIF absent : lancez « make deps-test »"; exit 1; }
	@MISSIONC=./$(BIN) SARIF_DEPS=$(SARIF_DEPS) sh tests/run-sarif.sh

# Leaks and invalid reads under valgrind: verifier, produire, lot, and the
# language server's sessions (tests/lsp_client.py runs it after LSP_PREFIX).
valgrind: all
	@mkdir -p build/valgrind; for f in examples/*.mission; do \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=3 --suppressions=tests/valgrind.supp \
	    ./$(BIN) verifier "$$f" >/dev/null || exit 1; \
	  for fmt in pdf html md; do \
	    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=3 --suppressions=tests/valgrind.supp \
	      ./$(BIN) produire "$$f" -f $$fmt -o build/valgrind/lettre.$$fmt >/dev/null || exit 1; \
	  done; done; \
	rm -rf build/valgrind/lot; valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=3 --suppressions=tests/valgrind.supp \
	  ./$(BIN) lot examples/lot/pacte.mission examples/lot/pacte.csv -o build/valgrind/lot -j 2 --quiet; \
	[ $$? = 1 ] || exit 1; \
	MISSIONC=./$(BIN) LSP_PREFIX="valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=3 --suppressions=tests/valgrind.supp" \
	  python3 tests/run-lsp.py || exit 1; \
	MISSIONC=./$(BIN) LSP_PREFIX="valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=3 --suppressions=tests/valgrind.supp" \
	  python3 tests/run-lsp-conformance.py test_lifecycle test_capabilities test_code_actions test_nul test_referentiels test_documents || exit 1; \
	echo "valgrind : aucune fuite (vérifier, produire en trois formats, lot, serveur de langage)."

# The language server's latency alone (bench/lsp.py, also in make bench).
bench-lsp: all
	@python3 bench/lsp.py ./$(BIN) 200

# make bench BENCH_LIGNES=4000 for a shorter run of the batch figures.
BENCH_LIGNES ?= 40000
bench: all $(BUILD)/bench/bench_check $(BUILD)/bench/bench_render $(BUILD)/bench/bench_floor
	@BENCH_LIGNES=$(BENCH_LIGNES) sh bench/run.sh ./$(BIN) $(BUILD)/bench/bench_check $(BUILD)/bench/bench_render $(BUILD)/bench/bench_floor

# libharu and its fonts loaded from memory (compiler/pdf_font.c), streams
# deflated by libharu or by compiler/pdf_deflate.c, files written by
# cli/io.c: nothing else of missionc.
$(BUILD)/bench/bench_floor: bench/bench_floor.c $(BUILD)/cli/io.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Icli -Wno-missing-prototypes -o $@ $< $(BUILD)/cli/io.o $(LIB) $(LDLIBS) $(LDFLAGS_ALL)

$(BUILD)/bench/bench_render: bench/bench_render.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ $< $(LIB) $(LDLIBS) $(LDFLAGS_ALL)

$(BUILD)/bench/bench_check: bench/bench_check.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ $< $(LIB) $(LDLIBS) $(LDFLAGS_ALL)

# Fuzzing: each harness of tests/fuzz/ (fuzz_NAME.c) runs FUZZ_SECONDS
# seconds from the seeds (examples/, tests/, stdlib/, made into build/ by
# tests/fuzz/seeds.sh) plus what earlier runs found (build/fuzz/corpus/NAME);
# any crash, leak, timeout (10 s) or broken invariant fails, and the input is
# kept as build/fuzz/crashes/NAME-*. A new harness is a new tests/fuzz/fuzz_NAME.c
# (and its seeds in seeds.sh): the wildcard picks it up.
FUZZ_SECONDS ?= 300
# Bytes of one input: large inputs are the business of tests/bad/*.gen.
FUZZ_MAX_LEN ?= 16384
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN = $(FUZZ_NAMES:%=$(BUILD)/fuzz_%)
FUZZ_CLI_OBJ = $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) -Icli -Wno-missing-prototypes -fsanitize=fuzzer -o $@ $< \
	  $(FUZZ_CLI_OBJ) $(LIB) $(LDLIBS) $(LDFLAGS_ALL)

fuzz:
	@$(MAKE) --no-print-directory deps-fuzz
	@$(MAKE) --no-print-directory SANITIZE=fuzz fuzz-run

# CI: every harness for a short, fixed time.
fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=40

fuzz-run: $(FUZZ_BIN) $(FONTS)
	@sh tests/fuzz/seeds.sh build/fuzz/seeds
	@mkdir -p build/fuzz/crashes
	@for h in $(FUZZ_NAMES); do \
	  mkdir -p build/fuzz/corpus/$$h; \
	  echo "== fuzz_$$h ($(FUZZ_SECONDS) s)"; \
	  ASAN_OPTIONS=detect_leaks=1 ./$(BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1 \
	    -dict=tests/fuzz/mission.dict -artifact_prefix=build/fuzz/crashes/$$h- \
	    build/fuzz/corpus/$$h build/fuzz/seeds/$$h 2>build/fuzz/$$h.log \
	    || { tail -40 build/fuzz/$$h.log; echo "fuzz_$$h : échec (entrée gardée dans build/fuzz/crashes/)"; exit 1; }; \
	  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|cov:" build/fuzz/$$h.log | tail -3; \
	done; echo "fuzz : $(words $(FUZZ_NAMES)) harnais, aucun plantage, fuite ni dépassement de temps"

# Line coverage of each harness over its corpus (seeds and what make fuzz
# found), with llvm-cov: a table per harness, library and command line.
LLVM_COV ?= $(shell command -v llvm-cov-14 || echo llvm-cov)
LLVM_PROFDATA ?= $(shell command -v llvm-profdata-14 || echo llvm-profdata)
fuzz-couverture:
	@$(MAKE) --no-print-directory deps-fuzz
	@$(MAKE) --no-print-directory SANITIZE=couverture fuzz-couverture-run

fuzz-couverture-run: $(FUZZ_BIN) $(FONTS)
	@sh tests/fuzz/seeds.sh build/fuzz/seeds
	@for h in $(FUZZ_NAMES); do \
	  mkdir -p build/fuzz/corpus/$$h; \
	  LLVM_PROFILE_FILE=$(BUILD)/$$h.profraw ./$(BUILD)/fuzz_$$h -runs=0 \
	    build/fuzz/corpus/$$h build/fuzz/seeds/$$h >/dev/null 2>&1; \
	  $(LLVM_PROFDATA) merge -sparse $(BUILD)/$$h.profraw -o $(BUILD)/$$h.profdata; \
	  case $$h in csv) src="cli/csv_reader.c cli/batch_names.c";; \
	    cli) src="cli compiler";; \
	    lot) src="compiler cli/csv_reader.c cli/batch_names.c cli/batch_report.c";; \
	    verifier) src="$(addprefix compiler/,source.c lex_support.c parse_driver.c \
	      resolve.c resolve_hints.c check.c facts.c quantity.c diag.c stdlib.c ast.c) cli/diag_text.c";; \
	    *) src=compiler;; esac; \
	  echo "== fuzz_$$h : fonctions exécutées, lignes couvertes"; \
	  $(LLVM_COV) report ./$(BUILD)/fuzz_$$h -instr-profile=$(BUILD)/$$h.profdata \
	    -ignore-filename-regex='(gen/|\.h$$)' $$src | awk 'NF >= 13 && $$1 != "Filename" { printf "%-28s %8s %8s\n", $$1, $$7, $$10 }'; \
	done

# What make install puts where (make uninstall removes the same list).
# Editor files come from editors/ when it exists: Vim's and Emacs's where
# they look for them, VS Code's extension as files to copy or package.
MAN_PAGES  = $(wildcard man/*.[1-9])
STDLIB_FILES = $(wildcard stdlib/*.mission)
TEMPLATE_FILES = $(wildcard templates/*/*)
VIMDIR     = $(PREFIX)/share/vim/vimfiles
EMACSDIR   = $(PREFIX)/share/emacs/site-lisp
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
EDITOR_FILES = $(shell [ -d editors ] && find editors/vim editors/emacs editors/vscode \
                 -type f ! -path '*/node_modules/*' ! -name '*.vsix' 2>/dev/null | LC_ALL=C sort)

# « SOURCE DESTINATION » pairs, destinations below $(DESTDIR).
define install_pairs
	for f in $(STDLIB_FILES) $(TEMPLATE_FILES); do echo "$$f $(DATADIR)/$$f"; done; \
	[ "$(INSTALL_FONTS)" != oui ] || for f in $(FONTS); do echo "$$f $(FONTSDIR)/$${f##*/}"; done; \
	echo "tools/reduire-polices.sh $(DATADIR)/reduire-polices.sh"; \
	for f in $(MAN_PAGES); do echo "$$f $(MANDIR)/man$${f##*.}/$${f##*/}"; done; \
	echo "completions/missionc.bash $(BASHCOMPDIR)/missionc"; \
	echo "completions/_missionc $(ZSHCOMPDIR)/_missionc"; \
	for f in $(EDITOR_FILES); do case $$f in \
	  editors/vim/*) echo "$$f $(VIMDIR)/$${f#editors/vim/}";; \
	  editors/emacs/*) echo "$$f $(EMACSDIR)/$${f#editors/emacs/}";; \
	  *) echo "$$f $(DATADIR)/$$f";; esac; done
endef

install: all
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)'
	$(INSTALL) -m 755 $(BIN) '$(DESTDIR)$(BINDIR)/missionc'
	@($(install_pairs)) | while read -r src dst; do \
	  mode=644; case $$src in *.sh) mode=755;; esac; \
	  $(INSTALL) -d "$(DESTDIR)$${dst%/*}" && $(INSTALL) -m $$mode "$$src" "$(DESTDIR)$$dst" || exit 1; \
	done
	@echo "missionc installé dans $(DESTDIR)$(PREFIX) (données : $(DESTDIR)$(DATADIR))."

# Removes the files install put, then the folders of DATADIR left empty and
# the editors' folders they emptied; shared folders (bin, man1…) stay.
uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/missionc'
	@($(install_pairs)) | while read -r src dst; do rm -f "$(DESTDIR)$$dst"; done
	@[ ! -d '$(DESTDIR)$(DATADIR)' ] || find '$(DESTDIR)$(DATADIR)' -depth -type d -empty -delete
	@($(install_pairs)) | while read -r src dst; do case $$src in editors/vim/*|editors/emacs/*) \
	  rmdir "$(DESTDIR)$${dst%/*}" 2>/dev/null || :;; esac; done
	@echo "missionc désinstallé de $(DESTDIR)$(PREFIX)."

# --version (référentiels' versions, in JSON and the PDF too), --help of
# each command against the man page.
aide: $(BIN)
	@MISSIONC=./$(BIN) sh tests/run-aide.sh

# make install into a temporary prefix, a letter checked and rendered from
# another folder, then make uninstall: nothing may be left.
install-test: all
	+@MAKE="$(MAKE)" sh tests/run-install.sh

# The Debian package built, checked by lintian, installed, used from /tmp,
# purged (as root; installs debhelper and lintian if missing). .ci/run runs it.
paquet-test:
	@sh tests/run-paquet.sh

# The man pages: mandoc's lint, warnings included.
man-lint:
	@mandoc -T lint -W warning $(MAN_PAGES) && echo "pages de manuel : mandoc -T lint sans remarque."

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem -Icompiler compiler cli tools

clean:
	rm -rf build missionc
