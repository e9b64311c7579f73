//go:build !unix

package verify

import (
	"os/exec"
	"time"
)

// killGroup leaves the command in its group: without process groups,
// cancelling kills the command itself (exec.CommandContext's default),
// and what still holds its output is cut off after twice grace.
func killGroup(cmd *exec.Cmd, grace time.Duration) { cmd.WaitDelay = 2 * grace }
