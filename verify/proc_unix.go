//go:build unix

package verify

import (
	"os/exec"
	"syscall"
	"time"
)

// killGroup makes a command the leader of its own process group and
// stops the whole group when it is cancelled: the go command runs the
// compiler, the linker and test binaries, which must not outlive an
// interrupted verify (and write into a scratch directory being removed).
// The group gets SIGINT first, as Ctrl-C would give it, so that the go
// command removes its own go-build directory; what is still running
// after grace is killed, and what still holds the command's output
// (a process that left the group) is cut off after twice that.
func killGroup(cmd *exec.Cmd, grace time.Duration) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		pid := cmd.Process.Pid
		time.AfterFunc(grace, func() { syscall.Kill(-pid, syscall.SIGKILL) })
		return syscall.Kill(-pid, syscall.SIGINT)
	}
	cmd.WaitDelay = 2 * grace
}
