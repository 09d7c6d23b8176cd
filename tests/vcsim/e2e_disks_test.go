//go:build e2e
// +build e2e

package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// TestE2ETwoDisksPerVM: with --disks-per-vm 2 every VM has two real base disks on one controller; snapshots,
// per-disk guest writes, removal (consolidation), revert and RemoveAllSnapshots keep each disk's chain exact.
func TestE2ETwoDisksPerVM(t *testing.T) {
	l := launchLoggedIn(t, "--disks-per-vm", "2", "--disk-size", "4MiB", "--seed", "5")
	ctx := context.Background()
	info := l.ready.VMs[0]
	if len(info.Disks) != 2 || info.Disks[0].Key == info.Disks[1].Key || info.Disks[0].FileName == info.Disks[1].FileName {
		t.Fatalf("ready line: want two distinct disks, got %+v", info.Disks)
	}
	vm, props := l.vm(info.Moref)
	disks := virtualDisks(props.Config.Hardware.Device)
	if len(disks) != 2 || disks[0].ControllerKey != disks[1].ControllerKey || *disks[0].UnitNumber == *disks[1].UnitNumber {
		t.Fatalf("config.hardware.device: want two disks on one controller with distinct unit numbers, got %d", len(disks))
	}
	for i, d := range disks {
		if d.Key != info.Disks[i].Key || d.Backing.(*types.VirtualDiskFlatVer2BackingInfo).FileName != info.Disks[i].FileName || d.CapacityInBytes != 4<<20 {
			t.Fatalf("device %d (key %d) differs from the ready line's disk %+v", i, d.Key, info.Disks[i])
		}
	}
	if len(props.LayoutEx.Disk) != 2 {
		t.Fatalf("layoutEx.disk: want 2 disks, got %d", len(props.LayoutEx.Disk))
	}

	size := info.Disks[0].CapacityBytes
	current := map[int32][]byte{}
	for _, d := range info.Disks {
		current[d.Key] = l.readDiskKey(info.Moref, d.Key, size)
		assertQemu(t, fmt.Sprintf("base of disk %d", d.Key), d.Path, current[d.Key])
	}
	if bytesEqual(current[info.Disks[0].Key], current[info.Disks[1].Key]) {
		t.Fatal("the two disks must have different seeded content")
	}
	initial := copyDisks(current)

	s1 := waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s1", "", false, false))).Result.(types.ManagedObjectReference)
	for i, d := range info.Disks {
		writeDiskGuest(l, info.Moref, d.Key, current, map[string]interface{}{"offset": 8192 * (i + 1), "length": 6000, "random": true})
	}
	writeDiskGuest(l, info.Moref, 0, current, map[string]interface{}{"offset": 2 << 20, "data": []byte("both disks")})
	afterS1 := copyDisks(current)
	s2 := waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s2", "", false, false))).Result.(types.ManagedObjectReference)
	writeDiskGuest(l, info.Moref, info.Disks[1].Key, current, map[string]interface{}{"offset": 0, "length": 4096, "zero": true})
	writeDiskGuest(l, info.Moref, info.Disks[0].Key, current, map[string]interface{}{"offset": 1 << 20, "length": 700, "random": true})

	assertDiskChains(t, l, info.Moref, "s1", snapshotDevices(t, l, s1), initial)
	assertDiskChains(t, l, info.Moref, "s2", snapshotDevices(t, l, s2), afterS1)
	_, props = l.vm(info.Moref)
	assertDiskChains(t, l, info.Moref, "top", props.Config.Hardware.Device, current)
	if len(props.LayoutEx.Disk) != 2 || len(props.LayoutEx.Disk[0].Chain) != 3 || len(props.LayoutEx.Disk[1].Chain) != 3 {
		t.Fatalf("layoutEx.disk: want two chains of 3 layers, got %+v", props.LayoutEx.Disk)
	}
	var listed struct{ VMs []vmInfo }
	l.control(http.MethodGet, "/vms", nil, &listed)
	if s := listed.VMs[0].Snapshots; len(s) != 2 || len(s[0].Disks) != 2 || len(s[1].Disks) != 2 {
		t.Fatalf("/_sim/vms: want two snapshots freezing two disks each, got %+v", s)
	}

	waitTask(t, mustTask(t)(vm.RemoveSnapshot(ctx, "s1", false, types.NewBool(true))))
	assertDiskChains(t, l, info.Moref, "s2 after removing s1", snapshotDevices(t, l, s2), afterS1)
	waitTask(t, mustTask(t)(vm.RevertToSnapshot(ctx, "s2", true)))
	_, props = l.vm(info.Moref)
	assertDiskChains(t, l, info.Moref, "top after reverting to s2", props.Config.Hardware.Device, afterS1)
	current = copyDisks(afterS1)
	writeDiskGuest(l, info.Moref, info.Disks[1].Key, current, map[string]interface{}{"offset": 3 << 20, "length": 512, "random": true})
	waitTask(t, mustTask(t)(vm.RemoveAllSnapshot(ctx, types.NewBool(true))))
	_, props = l.vm(info.Moref)
	for _, d := range virtualDisks(props.Config.Hardware.Device) {
		if b := d.Backing.(*types.VirtualDiskFlatVer2BackingInfo); b.Parent != nil || !strings.HasSuffix(b.FileName, fmt.Sprintf("/disk%d.vmdk", *d.UnitNumber+1)) {
			t.Fatalf("after RemoveAllSnapshots disk %d must run on its base, runs on %s", d.Key, b.FileName)
		}
	}
	assertDiskChains(t, l, info.Moref, "bases after RemoveAllSnapshots", props.Config.Hardware.Device, current)
}

// readDiskKey returns one disk's current content through /_sim/read.
func (l *launched) readDiskKey(vm string, key int32, size int64) []byte {
	var res struct{ Data []byte }
	l.control(http.MethodPost, "/read", map[string]interface{}{"vm": vm, "disk": key, "offset": 0, "length": size}, &res)
	return res.Data
}

// writeDiskGuest writes to one disk (key 0: every disk) and applies the echoed bytes to the expected contents.
func writeDiskGuest(l *launched, vm string, key int32, contents map[int32][]byte, w map[string]interface{}) {
	l.t.Helper()
	body := map[string]interface{}{"vm": vm, "writes": []interface{}{w}}
	if key != 0 {
		body["disk"] = key
	}
	var res struct {
		Results []struct {
			Disk   int32
			Writes []writtenRange
		}
	}
	l.control(http.MethodPost, "/write", body, &res)
	if key == 0 && len(res.Results) != len(contents) {
		l.t.Fatalf("a write without disk must reach every disk, reached %d", len(res.Results))
	}
	for _, r := range res.Results {
		for _, wr := range r.Writes {
			copy(contents[r.Disk][wr.Offset:], wr.Data)
		}
	}
}

// assertDiskChains reads every disk's chain named by devices with qemu-img and compares it with /_sim/read's
// expectation per device key.
func assertDiskChains(t *testing.T, l *launched, vm, what string, devices []types.BaseVirtualDevice, want map[int32][]byte) {
	t.Helper()
	disks := virtualDisks(devices)
	if len(disks) != len(want) {
		t.Fatalf("%s: %d disks, want %d", what, len(disks), len(want))
	}
	for _, d := range disks {
		assertQemu(t, fmt.Sprintf("%s disk %d", what, d.Key), l.osPath(d.Backing.(*types.VirtualDiskFlatVer2BackingInfo).FileName), want[d.Key])
	}
}

func virtualDisks(devices []types.BaseVirtualDevice) []*types.VirtualDisk {
	var out []*types.VirtualDisk
	for _, d := range devices {
		if vd, ok := d.(*types.VirtualDisk); ok {
			out = append(out, vd)
		}
	}
	return out
}

func snapshotDevices(t *testing.T, l *launched, snap types.ManagedObjectReference) []types.BaseVirtualDevice {
	t.Helper()
	var s mo.VirtualMachineSnapshot
	if err := property.DefaultCollector(l.client).RetrieveOne(context.Background(), snap, []string{"config.hardware.device"}, &s); err != nil {
		t.Fatal(err)
	}
	return s.Config.Hardware.Device
}

func copyDisks(contents map[int32][]byte) map[int32][]byte {
	out := map[int32][]byte{}
	for k, v := range contents {
		out[k] = append([]byte(nil), v...)
	}
	return out
}
