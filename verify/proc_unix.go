//go:build unix

package verify

import (
	"os/exec"
	"syscall"
)

// killGroup makes a command the leader of its own process group and
// kills the whole group when it is cancelled: the go command runs the
// compiler, the linker and test binaries, which must not outlive an
// interrupted verify (and write into a scratch directory being removed).
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
