package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// sim is the in-process vcsim instance plus the launcher's own disk state.
type sim struct {
	opts          *options
	model         *simulator.Model
	server        *simulator.Server
	mux           http.Handler
	datastoreDir  string
	datastoreName string
	datacenter    string
	disks         *diskStore
}

func startSimulator(opts *options) (*sim, error) {
	var m *simulator.Model
	if opts.model == "vpx" {
		m = simulator.VPX()
		m.Host = 0
		m.Cluster = 1
		m.ClusterHost = opts.hosts
		m.Machine = opts.vms
	} else {
		m = simulator.ESX()
		m.Machine = opts.vms
	}
	m.Autostart = true
	if opts.datastoreDir != "" {
		if err := os.MkdirAll(opts.datastoreDir, 0o700); err != nil {
			return nil, fmt.Errorf("--datastore-dir: %w", err)
		}
		old, had := os.LookupEnv("TMPDIR")
		os.Setenv("TMPDIR", opts.datastoreDir)
		defer func() {
			if had {
				os.Setenv("TMPDIR", old)
			} else {
				os.Unsetenv("TMPDIR")
			}
		}()
	}
	if err := m.Create(); err != nil {
		m.Remove()
		return nil, fmt.Errorf("creating the %s model: %w", opts.model, err)
	}
	if m.DelayConfig.MethodDelay == nil {
		m.DelayConfig.MethodDelay = map[string]int{}
	}
	simulator.SessionIdleTimeout = opts.sessionIdle
	m.Service.Listen = &url.URL{Host: "127.0.0.1:0", User: url.UserPassword(opts.username, opts.password)}
	s := &sim{opts: opts, model: m}
	s.server = m.Service.NewServer()
	s.mux = m.Service.ServeMux

	ds := simulator.Map.Any("Datastore").(*simulator.Datastore)
	s.datastoreDir = ds.Info.GetDatastoreInfo().Url
	s.datastoreName = ds.Name
	s.datacenter = simulator.Map.Any("Datacenter").(*simulator.Datacenter).Name
	if err := s.addDisks(opts.disksPerVM); err != nil {
		s.close()
		return nil, err
	}
	s.disks = newDiskStore(opts.seed, opts.diskSize)
	if err := s.disks.initialize(s.virtualMachines()); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *sim) close() {
	if s.server != nil {
		s.server.Close()
	}
	s.model.Remove()
}

// virtualMachines returns every VM, ordered by moref number.
func (s *sim) virtualMachines() []*simulator.VirtualMachine {
	var vms []*simulator.VirtualMachine
	for _, e := range simulator.Map.All("VirtualMachine") {
		vms = append(vms, e.(*simulator.VirtualMachine))
	}
	sort.Slice(vms, func(i, j int) bool { return morefLess(vms[i].Self.Value, vms[j].Self.Value) })
	return vms
}

func morefLess(a, b string) bool {
	na, ea := strconv.Atoi(a[strings.LastIndex(a, "-")+1:])
	nb, eb := strconv.Atoi(b[strings.LastIndex(b, "-")+1:])
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}

// findVM resolves a VM by moref value or name.
func (s *sim) findVM(id string) *simulator.VirtualMachine {
	if obj := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: id}); obj != nil {
		if vm, ok := obj.(*simulator.VirtualMachine); ok {
			return vm
		}
	}
	for _, vm := range s.virtualMachines() {
		if vm.Name == id {
			return vm
		}
	}
	return nil
}

// findHost resolves a host by moref value or name.
func (s *sim) findHost(id string) *simulator.HostSystem {
	if obj := simulator.Map.Get(types.ManagedObjectReference{Type: "HostSystem", Value: id}); obj != nil {
		if h, ok := obj.(*simulator.HostSystem); ok {
			return h
		}
	}
	for _, e := range simulator.Map.All("HostSystem") {
		if h := e.(*simulator.HostSystem); h.Name == id {
			return h
		}
	}
	return nil
}

func hostOf(vm *simulator.VirtualMachine) *simulator.HostSystem {
	if vm.Runtime.Host == nil {
		return nil
	}
	h, _ := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem)
	return h
}

// vmsOnHost lists the VMs whose runtime.host is host.
func (s *sim) vmsOnHost(host *simulator.HostSystem) []*simulator.VirtualMachine {
	var out []*simulator.VirtualMachine
	for _, vm := range s.virtualMachines() {
		if vm.Runtime.Host != nil && *vm.Runtime.Host == host.Self {
			out = append(out, vm)
		}
	}
	return out
}

// ownerHost returns the host a managed object belongs to (a host, a VM or a VM snapshot), or nil.
func ownerHost(ref types.ManagedObjectReference) *simulator.HostSystem {
	switch obj := simulator.Map.Get(ref).(type) {
	case *simulator.HostSystem:
		return obj
	case *simulator.VirtualMachine:
		return hostOf(obj)
	case *simulator.VirtualMachineSnapshot:
		if vm, ok := simulator.Map.Get(obj.Vm).(*simulator.VirtualMachine); ok {
			return hostOf(vm)
		}
	}
	return nil
}

// update applies property changes to a vcsim object under its lock, notifying property collectors.
func update(obj mo.Reference, changes ...types.PropertyChange) {
	simulator.Map.WithLock(obj, func() { simulator.Map.Update(obj, changes) })
}
