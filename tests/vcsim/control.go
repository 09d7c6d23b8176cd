package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// apiError is a control API failure with its HTTP status.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...interface{}) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...interface{}) error {
	return &apiError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

// serveControl routes /_sim/ requests; every answer is JSON.
func (p *proxy) serveControl(w http.ResponseWriter, r *http.Request) {
	type route struct {
		method  string
		handler func(*http.Request) (interface{}, error)
	}
	routes := map[string][]route{
		"/_sim/vms":          {{http.MethodGet, p.controlVMs}},
		"/_sim/write":        {{http.MethodPost, p.controlWrite}},
		"/_sim/read":         {{http.MethodPost, p.controlRead}},
		"/_sim/fail-host":    {{http.MethodPost, p.controlFailHost}},
		"/_sim/restore-host": {{http.MethodPost, p.controlRestoreHost}},
		"/_sim/partition":    {{http.MethodPost, p.controlPartition}},
		"/_sim/heal":         {{http.MethodPost, p.controlRestoreHost}},
		"/_sim/crash-vm":     {{http.MethodPost, p.controlCrashVM}},
		"/_sim/restore-vm":   {{http.MethodPost, p.controlRestoreVM}},
		"/_sim/heartbeat":    {{http.MethodPost, p.controlHeartbeat}},
		"/_sim/faults":       {{http.MethodGet, p.controlListFaults}, {http.MethodPost, p.controlAddFault}, {http.MethodDelete, p.controlClearFaults}},
		"/_sim/stats":        {{http.MethodGet, p.controlStats}},
		"/_sim/reset":        {{http.MethodPost, p.controlReset}},
	}
	candidates, ok := routes[r.URL.Path]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control endpoint " + r.URL.Path})
		return
	}
	for _, rt := range candidates {
		if rt.method != r.Method {
			continue
		}
		res, err := rt.handler(r)
		if err != nil {
			status := http.StatusInternalServerError
			if ae, ok := err.(*apiError); ok {
				status = ae.status
			}
			writeJSON(w, status, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, res)
		return
	}
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": r.Method + " not allowed on " + r.URL.Path})
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func decodeJSON(r *http.Request, v interface{}) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 128<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("invalid JSON body: %v", err)
	}
	return nil
}

// vmRequest names a VM and optionally one disk (device key or index as a JSON number or string).
type vmRequest struct {
	VM   string          `json:"vm"`
	Disk json.RawMessage `json:"disk,omitempty"`
}

func (p *proxy) resolveVM(id string) (*simulator.VirtualMachine, *vmDisks, error) {
	if id == "" {
		return nil, nil, badRequest("vm: required (moref or name)")
	}
	vm := p.sim.findVM(id)
	if vm == nil {
		return nil, nil, notFound("vm: %q not found", id)
	}
	return vm, p.sim.disks.vmState(vm.Self.Value), nil
}

// resolveDisks returns the named disk, or every disk when raw is empty.
func resolveDisks(v *vmDisks, raw json.RawMessage) ([]*vmDisk, error) {
	if v == nil || len(v.disks) == 0 {
		return nil, notFound("disk: the VM has no managed disks")
	}
	if len(raw) == 0 || string(raw) == "null" {
		return v.disks, nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		text = string(raw)
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return nil, badRequest("disk: must be a device key or index, got %s", string(raw))
	}
	if d := v.disk(int32(n)); d != nil {
		return []*vmDisk{d}, nil
	}
	if n >= 0 && n < len(v.disks) {
		return []*vmDisk{v.disks[n]}, nil
	}
	return nil, notFound("disk: no disk with key or index %d", n)
}

func (p *proxy) controlVMs(*http.Request) (interface{}, error) {
	return map[string]interface{}{"vms": p.vmInfos(true)}, nil
}

func (p *proxy) controlFailHost(r *http.Request) (interface{}, error) {
	var req struct {
		Host        string `json:"host"`
		Mode        string `json:"mode"`
		PowerOffVMs bool   `json:"powerOffVms"`
	}
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	host := p.sim.findHost(req.Host)
	if host == nil {
		return nil, notFound("host: %q not found", req.Host)
	}
	if err := p.sim.failHost(p.failures, host, req.Mode); err != nil {
		return nil, badRequest("%v", err)
	}
	if req.PowerOffVMs {
		// The host died: its VMs stopped with it. vCenter would still report their last known power state, but
		// the launcher reports the truth so that tests can tell a dead host from a partition.
		for _, vm := range p.sim.vmsOnHost(host) {
			setPower(vm, types.VirtualMachinePowerStatePoweredOff)
			_ = setHeartbeat(vm, "gray")
		}
	}
	return map[string]string{"host": host.Self.Value, "connectionState": string(types.HostSystemConnectionStateNotResponding)}, nil
}

// controlPartition cuts the management network of a host: API calls on it fail, its VMs keep running.
func (p *proxy) controlPartition(r *http.Request) (interface{}, error) {
	host, err := p.decodeHost(r)
	if err != nil {
		return nil, err
	}
	if err := p.sim.failHost(p.failures, host, "fault"); err != nil {
		return nil, badRequest("%v", err)
	}
	return map[string]string{"host": host.Self.Value, "connectionState": string(types.HostSystemConnectionStateNotResponding)}, nil
}

// decodeHost reads a {"host": …} body and resolves the host.
func (p *proxy) decodeHost(r *http.Request) (*simulator.HostSystem, error) {
	var req struct {
		Host string `json:"host"`
	}
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	host := p.sim.findHost(req.Host)
	if host == nil {
		return nil, notFound("host: %q not found", req.Host)
	}
	return host, nil
}

func (p *proxy) controlRestoreHost(r *http.Request) (interface{}, error) {
	host, err := p.decodeHost(r)
	if err != nil {
		return nil, err
	}
	p.sim.restoreHost(p.failures, host)
	return map[string]string{"host": host.Self.Value, "connectionState": string(types.HostSystemConnectionStateConnected)}, nil
}

func (p *proxy) controlCrashVM(r *http.Request) (interface{}, error) {
	var req vmRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	vm, _, err := p.resolveVM(req.VM)
	if err != nil {
		return nil, err
	}
	setPower(vm, types.VirtualMachinePowerStatePoweredOff)
	_ = setHeartbeat(vm, "red")
	return map[string]string{"vm": vm.Self.Value, "powerState": "poweredOff", "heartbeat": "red"}, nil
}

func (p *proxy) controlRestoreVM(r *http.Request) (interface{}, error) {
	var req vmRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	vm, _, err := p.resolveVM(req.VM)
	if err != nil {
		return nil, err
	}
	setPower(vm, types.VirtualMachinePowerStatePoweredOn)
	_ = setHeartbeat(vm, "green")
	return map[string]string{"vm": vm.Self.Value, "powerState": "poweredOn", "heartbeat": "green"}, nil
}

func (p *proxy) controlHeartbeat(r *http.Request) (interface{}, error) {
	var req struct {
		VM     string `json:"vm"`
		Status string `json:"status"`
	}
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	vm, _, err := p.resolveVM(req.VM)
	if err != nil {
		return nil, err
	}
	if err := setHeartbeat(vm, req.Status); err != nil {
		return nil, badRequest("%v", err)
	}
	return map[string]string{"vm": vm.Self.Value, "heartbeat": req.Status}, nil
}

func (p *proxy) controlAddFault(r *http.Request) (interface{}, error) {
	var rule faultRule
	if err := decodeJSON(r, &rule); err != nil {
		return nil, err
	}
	if err := rule.validate(); err != nil {
		return nil, badRequest("%v", err)
	}
	added := p.faults.add(&rule)
	return *added, nil
}

func (p *proxy) controlListFaults(*http.Request) (interface{}, error) {
	return map[string]interface{}{"rules": p.faults.list()}, nil
}

func (p *proxy) controlClearFaults(*http.Request) (interface{}, error) {
	return map[string]int{"cleared": p.faults.clear()}, nil
}

func (p *proxy) controlStats(*http.Request) (interface{}, error) {
	return p.stats.view(), nil
}

func (p *proxy) controlReset(*http.Request) (interface{}, error) {
	p.faults.clear()
	p.sim.restoreAll(p.failures)
	p.stats.reset()
	return map[string]bool{"reset": true}, nil
}
