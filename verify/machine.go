package verify

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// A Machine is what a verdict was measured on. A verdict holds for it
// only: another CPU, core count, architecture level or Go release may
// decide otherwise.
type Machine struct {
	CPU    string `json:"cpu"`   // the model, as /proc/cpuinfo names it
	Cores  int    `json:"cores"` // logical CPUs (runtime.NumCPU)
	GOOS   string `json:"goos"`
	GOARCH string `json:"goarch"`
	Level  string `json:"level,omitempty"` // the architecture level the binaries target: "GOAMD64=v1"
	Go     string `json:"go"`              // the go command's version, which built them
}

// levelVars names, per GOARCH, the go env variable that sets the
// instruction set level the compiler targets.
func levelVar(goarch string) string {
	switch goarch {
	case "amd64":
		return "GOAMD64"
	case "arm64":
		return "GOARM64"
	case "arm":
		return "GOARM"
	case "386":
		return "GO386"
	case "ppc64", "ppc64le":
		return "GOPPC64"
	case "riscv64":
		return "GORISCV64"
	case "mips", "mipsle":
		return "GOMIPS"
	case "mips64", "mips64le":
		return "GOMIPS64"
	case "wasm":
		return "GOWASM"
	}
	return ""
}

// record describes the machine and the toolchain the scratch copy builds
// with.
func record(s *scratch) (Machine, error) {
	env, err := s.goEnv("GOOS", "GOARCH", "GOVERSION")
	if err != nil {
		return Machine{}, err
	}
	m := Machine{CPU: cpuModel("/proc/cpuinfo", runtime.GOARCH), Cores: runtime.NumCPU(), GOOS: env["GOOS"], GOARCH: env["GOARCH"], Go: env["GOVERSION"]}
	if name := levelVar(m.GOARCH); name != "" {
		lv, err := s.goEnv(name)
		if err != nil {
			return Machine{}, err
		}
		m.Level = name + "=" + lv[name]
	}
	return m, nil
}

// cpuModel returns the CPU's model name from a cpuinfo file such as
// /proc/cpuinfo ("model name" on x86, "Model" or "cpu model" elsewhere),
// or the architecture when it names none or there is none (another OS).
func cpuModel(cpuinfo, goarch string) string {
	if f, err := os.Open(cpuinfo); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			key, val, ok := strings.Cut(sc.Text(), ":")
			key = strings.TrimSpace(key)
			if ok && (key == "model name" || key == "Model" || key == "cpu model") && strings.TrimSpace(val) != "" {
				return strings.TrimSpace(val)
			}
		}
	}
	return "unknown " + goarch + " CPU"
}

// String says the machine in one line.
func (m Machine) String() string {
	level := ""
	if m.Level != "" {
		level = " " + m.Level
	}
	return fmt.Sprintf("%s, %d cores, %s/%s%s, %s", m.CPU, m.Cores, m.GOOS, m.GOARCH, level, m.Go)
}

// holds says where the verdicts hold.
func holds(m Machine) string {
	return "these verdicts hold for this machine only: " + m.String()
}
