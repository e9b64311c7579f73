// Command stdbench measures 'fsmvet std' against 'go vet std' in one run:
// wall time and peak memory (the largest process of each command's tree),
// each run from a cold build cache, the two commands alternating round by
// round so that drift on a noisy machine falls on both alike. It prints
// every round and the medians, with the ratios the project holds to:
// fsmvet's time at most a quarter of go vet's, its memory at most 1.5 GB.
//
// From the repository root:
//
//	go run ./internal/cmd/stdbench -rounds 3
//
// A cold go vet std takes minutes on two cores: it compiles std, and vets
// every package with its tests.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 3, "rounds; each runs fsmvet std, then go vet std")
	warm := flag.Bool("warm", false, "keep one build cache for all runs instead of a new, empty one for each")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("stdbench: ")
	if err := run(*rounds, *warm); err != nil {
		log.Fatal(err)
	}
}

// A sample is one run of a command.
type sample struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

func run(rounds int, warm bool) error {
	tmp, err := os.MkdirTemp("", "stdbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fsmvet := filepath.Join(tmp, "fsmvet")
	if out, err := exec.Command("go", "build", "-o", fsmvet, "./cmd/fsmvet").CombinedOutput(); err != nil {
		return fmt.Errorf("building fsmvet: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	src := filepath.Join(string(goroot[:len(goroot)-1]), "src")
	gover, _ := exec.Command("go", "version").Output()
	fmt.Printf("%s%d CPUs; %s build cache\n", gover, runtime.NumCPU(), map[bool]string{true: "warm", false: "a cold"}[warm])
	shared := filepath.Join(tmp, "cache")
	var fs, vs []sample
	for i := range rounds {
		cache := shared
		if !warm {
			cache = filepath.Join(tmp, fmt.Sprintf("cache%d", i))
		}
		f, err := measure(src, filepath.Join(cache, "f"), fsmvet, "std")
		if err != nil {
			return err
		}
		v, err := measure(src, filepath.Join(cache, "v"), "go", "vet", "std")
		if err != nil {
			return err
		}
		fs, vs = append(fs, f), append(vs, v)
		fmt.Printf("round %d: fsmvet std %6.1f s %5d MB   go vet std %6.1f s %5d MB   time ratio %.3f\n",
			i+1, f.wall.Seconds(), f.maxRSS>>20, v.wall.Seconds(), v.maxRSS>>20, f.wall.Seconds()/v.wall.Seconds())
	}
	f, v := median(fs), median(vs)
	fmt.Printf("median:  fsmvet std %6.1f s %5d MB   go vet std %6.1f s %5d MB   time ratio %.3f (goal <= 0.25), memory %d MB (goal <= 1536)\n",
		f.wall.Seconds(), f.maxRSS>>20, v.wall.Seconds(), v.maxRSS>>20, f.wall.Seconds()/v.wall.Seconds(), f.maxRSS>>20)
	return nil
}

// measure runs a command in dir with GOCACHE set, and returns its wall
// time and the peak resident memory of its largest process. Exit status 3
// (findings) and 1 from go vet (findings) are results, not failures.
func measure(dir, gocache string, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+gocache)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, fmt.Errorf("%s %v: %w", name, args, err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 3 {
		return sample{}, fmt.Errorf("%s %v: exit %d", name, args, code)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return sample{wall: wall, maxRSS: ru.Maxrss << 10}, nil // Maxrss is in KiB on Linux
}

// median returns the median wall time and memory, each on its own.
func median(s []sample) sample {
	walls := make([]time.Duration, len(s))
	rss := make([]int64, len(s))
	for i, x := range s {
		walls[i], rss[i] = x.wall, x.maxRSS
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return sample{wall: walls[len(s)/2], maxRSS: rss[len(s)/2]}
}
