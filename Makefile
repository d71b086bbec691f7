# Two commands do all set-up on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
CLI    := $(VENV)/bin/layoffqa
STAMP  := $(VENV)/.installed
LLAMA  := 0.3.36
# llama.cpp is built for what this CPU has, named feature by feature (-march=native would turn on
# AMX, whose kernels crash in this sandbox): AVX2 everywhere, and AVX-512 with VNNI where the CPU
# lists both, which reads prompts faster. Each build keeps its own wheel.
CPU_FLAGS := $(shell grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
AVX512 := $(and $(filter avx512f,$(CPU_FLAGS)),$(filter avx512bw,$(CPU_FLAGS)),$(filter avx512vl,$(CPU_FLAGS)),$(filter avx512_vnni,$(CPU_FLAGS)))
LLAMA_CPU := $(if $(AVX512),avx512,avx2)
WHEELS := $(HOME)/.cache/layoffqa/wheels/$(LLAMA_CPU)
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
	$(if $(AVX512),-DGGML_AVX512=ON -DGGML_AVX512_VNNI=ON)
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install model browser ocr lint bench

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
	$(PIP) install -q torch==2.13.0

# llama-cpp-python has no wheel on PyPI for this platform: build one once (about 7 minutes on
# 2 cores) and keep it, so later installs take seconds.
$(WHEELS)/.llama-$(LLAMA): | $(PY)
	mkdir -p $(WHEELS)
	CMAKE_ARGS="$(LLAMA_CMAKE)" CMAKE_BUILD_PARALLEL_LEVEL=2 \
		$(PIP) wheel -q --no-cache-dir --no-deps llama-cpp-python==$(LLAMA) -w $(WHEELS)
	touch $@

$(STAMP): pyproject.toml $(WHEELS)/.llama-$(LLAMA) | $(PY)
	$(PIP) install -q --find-links $(WHEELS) -e '.[local,dev]'
	# this CPU's build, also where an earlier set-up installed another
	$(PIP) install -q --no-deps --force-reinstall $(WHEELS)/llama_cpp_python-$(LLAMA)-*.whl
	touch $(STAMP)

install: $(STAMP)

model: install
	$(CLI) models install

run: model ocr
	$(CLI) ingest samples
	$(CLI) serve

# The browser test drives Debian's Chromium (browsers cannot be downloaded here).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium not installed: the browser test will be skipped"

# Scanned PDFs are read by Debian's Tesseract, a program beside the project.
ocr:
	@command -v tesseract >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null; } || \
		echo "tesseract-ocr not installed: scanned PDFs will be refused"

test: model browser ocr
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: install
	$(PY) bench/ingest.py && $(PY) bench/answer.py
