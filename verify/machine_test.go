package verify

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLevelVar(t *testing.T) {
	for goarch, want := range map[string]string{
		"amd64": "GOAMD64", "arm64": "GOARM64", "arm": "GOARM", "386": "GO386",
		"ppc64": "GOPPC64", "ppc64le": "GOPPC64", "riscv64": "GORISCV64",
		"mips": "GOMIPS", "mipsle": "GOMIPS", "mips64": "GOMIPS64", "mips64le": "GOMIPS64",
		"wasm": "GOWASM", "s390x": "", "loong64": "", "": "",
	} {
		if got := levelVar(goarch); got != want {
			t.Errorf("levelVar(%q) = %q, want %q", goarch, got, want)
		}
	}
}

func TestCPUModel(t *testing.T) {
	for _, tc := range []struct {
		name, cpuinfo, want string
	}{
		{"x86", "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\nstepping\t: 4\n",
			"Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz"},
		{"arm", "processor\t: 0\nBogoMIPS\t: 108.00\nCPU part\t: 0xd08\n\nHardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n",
			"Raspberry Pi 4 Model B Rev 1.4"},
		{"mips", "system type\t\t: MediaTek MT7621\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\n", "MIPS 1004Kc V2.15"},
		{"first of several", "model name\t: A\nmodel name\t: B\n", "A"},
		{"empty name skipped", "model name\t:   \nmodel name\t: Real One\n", "Real One"},
		{"no colon", "model name Fake\n", "unknown riscv64 CPU"},
		{"none", "processor\t: 0\nhart\t\t: 1\nisa\t\t: rv64imafdc\n", "unknown riscv64 CPU"},
		{"empty", "", "unknown riscv64 CPU"},
	} {
		name := filepath.Join(t.TempDir(), "cpuinfo")
		if err := os.WriteFile(name, []byte(tc.cpuinfo), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := cpuModel(name, "riscv64"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got, want := cpuModel(filepath.Join(t.TempDir(), "none"), "arm64"), "unknown arm64 CPU"; got != want {
		t.Errorf("no cpuinfo: %q, want %q", got, want)
	}
}

func TestMachineString(t *testing.T) {
	m := Machine{CPU: "Intel(R) Xeon(R)", Cores: 8, GOOS: "linux", GOARCH: "amd64", Level: "GOAMD64=v3", Go: "go1.26.0"}
	if got, want := m.String(), "Intel(R) Xeon(R), 8 cores, linux/amd64 GOAMD64=v3, go1.26.0"; got != want {
		t.Errorf("with a level: %q, want %q", got, want)
	}
	m = Machine{CPU: "unknown s390x CPU", Cores: 2, GOOS: "linux", GOARCH: "s390x", Go: "go1.26.0"}
	if got, want := m.String(), "unknown s390x CPU, 2 cores, linux/s390x, go1.26.0"; got != want {
		t.Errorf("without a level: %q, want %q", got, want)
	}
	if got, want := holds(m), "these verdicts hold for this machine only: unknown s390x CPU, 2 cores, linux/s390x, go1.26.0"; got != want {
		t.Errorf("holds: %q, want %q", got, want)
	}
}
