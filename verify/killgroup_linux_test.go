package verify

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv names the role this test binary plays when a test runs it as
// a process of a group: see TestGroupHelper.
const helperEnv = "FSMVET_VERIFY_HELPER"

// TestGroupHelper is not a test: run by the tests below with helperEnv
// set, it is one process of a group that verify interrupts.
//   - leader: starts a listener, a stubborn one and an escaper, all
//     writing to its standard output, says it is ready, and waits;
//   - listener: writes INT to its file when it gets SIGINT;
//   - cleaner: the same, 200ms after it;
//   - stubborn: ignores SIGINT;
//   - escaper: leaves the group (a new session), keeping the output,
//     for 20 s.
//
// Each writes its pid to a file named for its role in $FSMVET_VERIFY_DIR.
func TestGroupHelper(t *testing.T) {
	role, dir := os.Getenv(helperEnv), os.Getenv("FSMVET_VERIFY_DIR")
	if role == "" {
		return
	}
	ready := func(name string) {
		if err := os.WriteFile(filepath.Join(dir, name+".tmp"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
			os.Exit(3)
		}
		os.Rename(filepath.Join(dir, name+".tmp"), filepath.Join(dir, name))
	}
	switch role {
	case "leader":
		for _, r := range []string{"listener", "stubborn", "escaper"} {
			cmd := exec.Command(os.Args[0], "-test.run=^TestGroupHelper$")
			cmd.Env = append(os.Environ(), helperEnv+"="+r)
			cmd.Stdout = os.Stdout
			if err := cmd.Start(); err != nil {
				os.Exit(3)
			}
			for !exists(filepath.Join(dir, r)) {
				time.Sleep(5 * time.Millisecond)
			}
		}
		ready("leader")
		time.Sleep(time.Minute)
	case "listener":
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
		ready("listener")
		<-c
		os.WriteFile(filepath.Join(dir, "INT"), []byte("INT"), 0o644)
		os.Exit(0)
	case "cleaner":
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
		ready("cleaner")
		<-c
		time.Sleep(200 * time.Millisecond) // as the go command removes its go-build directory
		os.WriteFile(filepath.Join(dir, "INT"), []byte("INT"), 0o644)
		os.Exit(0)
	case "stubborn":
		signal.Ignore(os.Interrupt)
		ready("stubborn")
		time.Sleep(time.Minute)
	case "escaper":
		if _, err := syscall.Setsid(); err != nil {
			os.Exit(3)
		}
		ready("escaper")
		time.Sleep(20 * time.Second)
	}
	os.Exit(0)
}

func exists(name string) bool { _, err := os.Stat(name); return err == nil }

// helper starts this test binary in a role, and waits until it is ready.
func helper(t *testing.T, ctx context.Context, role string, grace time.Duration) (*exec.Cmd, string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestGroupHelper$")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, "FSMVET_VERIFY_DIR="+dir)
	cmd.Stdout = new(bytes.Buffer) // a pipe, which the group's processes share
	killGroup(cmd, grace)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); !exists(filepath.Join(dir, role)); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the %s never got ready", role)
		}
	}
	return cmd, dir
}

// running reports whether the process of the pid a helper wrote is
// running (a zombie is not).
func running(t *testing.T, dir, role string) (int, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, role))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatal(err)
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return pid, false
	}
	// pid (comm) state ...: comm may hold spaces, not a ')'.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return pid, len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// TestKillGroup interrupts a process group as verify does: every process
// of the group gets SIGINT, the ones that ignore it are killed after the
// grace period, and a process that left the group keeping the output
// does not keep Wait waiting past twice that.
func TestKillGroup(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd, dir := helper(t, ctx, "leader", 100*time.Millisecond)
	escaper, _ := running(t, dir, "escaper")
	defer syscall.Kill(escaper, syscall.SIGKILL)
	cancel()
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("the leader ended with %v (%v), want SIGINT", cmd.ProcessState, err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "INT")); string(data) != "INT" {
		t.Errorf("the listener, in the group, got no SIGINT")
	}
	if pid, ok := running(t, dir, "stubborn"); ok {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the process that ignores SIGINT is still running")
	}
	if _, ok := running(t, dir, "escaper"); !ok {
		t.Errorf("Wait waited for the process that left the group")
	}
}

// TestRunInterrupted: a command interrupted by the run's cancellation
// has the grace period to clean up, and returns the cancellation's
// cause, not the command's failure.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	dir := t.TempDir()
	s := &scratch{ctx: ctx, dir: dir, env: append(os.Environ(), helperEnv+"=cleaner", "FSMVET_VERIFY_DIR="+dir)}
	go func() {
		for !exists(filepath.Join(dir, "cleaner")) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel(&signalError{syscall.SIGTERM})
	}()
	_, err := s.run(dir, os.Args[0], "-test.run=^TestGroupHelper$")
	var se *signalError
	if !errors.As(err, &se) || se.sig != syscall.SIGTERM {
		t.Errorf("run: %v, want the SIGTERM that cancelled it", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "INT")); string(data) != "INT" {
		t.Errorf("the command got no SIGINT, or no time to clean up")
	}
}
