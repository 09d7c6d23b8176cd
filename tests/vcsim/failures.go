package main

import (
	"fmt"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// failures tracks hosts that do not respond.
type failures struct {
	mu    sync.Mutex
	hosts map[string]*hostFailure // by host moref value
}

// hostFailure says how calls on a failed host's objects behave: "fault" (HostNotConnected) or "hang".
type hostFailure struct {
	mode     string
	restored chan struct{}
}

func newFailures() *failures { return &failures{hosts: map[string]*hostFailure{}} }

// check returns the failure of the host owning ref, or nil.
func (f *failures) check(ref types.ManagedObjectReference) *hostFailure {
	f.mu.Lock()
	empty := len(f.hosts) == 0
	f.mu.Unlock()
	if empty || ref.Value == "" {
		return nil
	}
	host := ownerHost(ref)
	if host == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hosts[host.Self.Value]
}

// failHost marks a host not responding and its VMs disconnected.
func (s *sim) failHost(f *failures, host *simulator.HostSystem, mode string) error {
	if mode == "" {
		mode = "fault"
	}
	if mode != "fault" && mode != "hang" {
		return fmt.Errorf("mode: must be fault or hang, got %q", mode)
	}
	f.mu.Lock()
	if old, ok := f.hosts[host.Self.Value]; ok {
		close(old.restored)
	}
	f.hosts[host.Self.Value] = &hostFailure{mode: mode, restored: make(chan struct{})}
	f.mu.Unlock()
	update(host, types.PropertyChange{Name: "runtime.connectionState", Val: types.HostSystemConnectionStateNotResponding})
	for _, vm := range s.vmsOnHost(host) {
		update(vm,
			types.PropertyChange{Name: "runtime.connectionState", Val: types.VirtualMachineConnectionStateDisconnected},
			types.PropertyChange{Name: "summary.runtime.connectionState", Val: types.VirtualMachineConnectionStateDisconnected})
	}
	return nil
}

// restoreHost reconnects a host and its VMs and releases hanging calls.
func (s *sim) restoreHost(f *failures, host *simulator.HostSystem) {
	f.mu.Lock()
	if old, ok := f.hosts[host.Self.Value]; ok {
		close(old.restored)
		delete(f.hosts, host.Self.Value)
	}
	f.mu.Unlock()
	update(host, types.PropertyChange{Name: "runtime.connectionState", Val: types.HostSystemConnectionStateConnected})
	for _, vm := range s.vmsOnHost(host) {
		update(vm,
			types.PropertyChange{Name: "runtime.connectionState", Val: types.VirtualMachineConnectionStateConnected},
			types.PropertyChange{Name: "summary.runtime.connectionState", Val: types.VirtualMachineConnectionStateConnected})
	}
}

// restoreAll reconnects every failed host.
func (s *sim) restoreAll(f *failures) {
	f.mu.Lock()
	var ids []string
	for id := range f.hosts {
		ids = append(ids, id)
	}
	f.mu.Unlock()
	for _, id := range ids {
		if h := s.findHost(id); h != nil {
			s.restoreHost(f, h)
		}
	}
}

var heartbeatStates = map[string]types.ManagedEntityStatus{
	"green": types.ManagedEntityStatusGreen, "yellow": types.ManagedEntityStatusYellow,
	"red": types.ManagedEntityStatusRed, "gray": types.ManagedEntityStatusGray,
}

// setHeartbeat sets the guest heartbeat (both properties) and whether VMware Tools run (green/yellow).
func setHeartbeat(vm *simulator.VirtualMachine, status string) error {
	st, ok := heartbeatStates[status]
	if !ok {
		return fmt.Errorf("status: must be green, yellow, red or gray, got %q", status)
	}
	tools := types.VirtualMachineToolsRunningStatusGuestToolsNotRunning
	if st == types.ManagedEntityStatusGreen || st == types.ManagedEntityStatusYellow {
		tools = types.VirtualMachineToolsRunningStatusGuestToolsRunning
	}
	update(vm,
		types.PropertyChange{Name: "guestHeartbeatStatus", Val: st},
		types.PropertyChange{Name: "summary.quickStats.guestHeartbeatStatus", Val: st},
		types.PropertyChange{Name: "guest.toolsRunningStatus", Val: string(tools)})
	return nil
}

// setPower sets the VM's power state without running vcsim's power tasks (a crash or an external restart).
func setPower(vm *simulator.VirtualMachine, state types.VirtualMachinePowerState) {
	update(vm,
		types.PropertyChange{Name: "runtime.powerState", Val: state},
		types.PropertyChange{Name: "summary.runtime.powerState", Val: state})
}
