package main

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// backingFor builds the VirtualDiskFlatVer2BackingInfo chain of a layer (parent = the layer below).
func (d *vmDisk) backingFor(l *layer) *types.VirtualDiskFlatVer2BackingInfo {
	if !l.isDelta() {
		b := d.baseBacking
		b.FileName = l.dsPath()
		b.ContentId = l.desc.longCID + hex8(l.desc.cid)
		return &b
	}
	return &types.VirtualDiskFlatVer2BackingInfo{
		VirtualDeviceFileBackingInfo: types.VirtualDeviceFileBackingInfo{FileName: l.dsPath(), Datastore: d.baseBacking.Datastore},
		DiskMode:                     d.baseBacking.DiskMode,
		ThinProvisioned:              types.NewBool(false),
		ContentId:                    l.desc.longCID + hex8(l.desc.cid),
		Parent:                       d.backingFor(l.parent),
		DeltaDiskFormat:              string(types.VirtualDiskDeltaDiskFormatRedoLogFormat),
		DeltaDiskFormatVariant:       string(types.VirtualDiskDeltaDiskFormatVariantVmfsSparseVariant),
		DeltaGrainSize:               1,
	}
}

func hex8(v uint32) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		out[i] = digits[v&15]
		v >>= 4
	}
	return string(out)
}

// devicesWith returns a copy of devices whose VirtualDisks are backed by the given layers (device key → layer).
func (v *vmDisks) devicesWith(devices []types.BaseVirtualDevice, layers map[int32]*layer) []types.BaseVirtualDevice {
	out := make([]types.BaseVirtualDevice, len(devices))
	for i, dev := range devices {
		out[i] = dev
		vd, ok := dev.(*types.VirtualDisk)
		if !ok {
			continue
		}
		d, l := v.disk(vd.Key), layers[vd.Key]
		if d == nil || l == nil {
			continue
		}
		c := *vd
		c.Backing = d.backingFor(l)
		c.CapacityInKB = d.capacity / 1024
		c.CapacityInBytes = d.capacity
		out[i] = &c
	}
	return out
}

func (v *vmDisks) tops() map[int32]*layer {
	out := map[int32]*layer{}
	for _, d := range v.disks {
		out[d.key] = d.top
	}
	return out
}

// apply publishes the disk state into vcsim: the VM's device backings, every snapshot's frozen backings,
// and layoutEx (disk files, chains base first with [descriptor, extent], snapshot chains).
func (st *diskStore) apply(vm *simulator.VirtualMachine, v *vmDisks) error {
	for snap, layers := range v.frozen {
		obj, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachineSnapshot", Value: snap}).(*simulator.VirtualMachineSnapshot)
		if !ok {
			continue
		}
		devices := v.devicesWith(obj.Config.Hardware.Device, layers)
		update(obj, types.PropertyChange{Name: "config.hardware.device", Val: devices})
	}
	simulator.Map.WithLock(vm, func() {
		devices := v.devicesWith(vm.Config.Hardware.Device, v.tops())
		layout := v.layoutEx(vm.LayoutEx)
		simulator.Map.Update(vm, []types.PropertyChange{
			{Name: "config.hardware.device", Val: devices},
			{Name: "layoutEx", Val: layout},
		})
	})
	return nil
}

// layoutEx rebuilds the VM's layoutEx. Keys are the launcher's own and stable per file name: vcsim renumbers its
// entries when it rescans the VM directory (RefreshStorageInfo, snapshot removal), which would collide.
func (v *vmDisks) layoutEx(old *types.VirtualMachineFileLayoutEx) *types.VirtualMachineFileLayoutEx {
	out := &types.VirtualMachineFileLayoutEx{Timestamp: time.Now()}
	if old == nil {
		old = &types.VirtualMachineFileLayoutEx{}
	}
	oldNames := map[int32]string{}
	seen := map[string]bool{}
	for _, f := range old.File {
		oldNames[f.Key] = f.Name
		name, ok := v.existingName(f.Name)
		if !ok || strings.HasSuffix(name, ".vmdk") || seen[name] {
			continue // disk files come from the launcher's chains; vcsim also lists files it lost track of
		}
		seen[name] = true
		f.Name, f.Key = name, v.fileKey(name)
		out.File = append(out.File, f)
	}
	for _, s := range old.Snapshot {
		if _, known := v.snapshotData[s.Key.Value]; !known {
			v.snapshotData[s.Key.Value] = oldNames[s.DataKey] // first sight: vcsim's key is still valid
		}
		if name, ok := v.existingName(v.snapshotData[s.Key.Value]); ok && !seen[name] {
			seen[name] = true
			out.File = append(out.File, fileInfo(v.fileKey(name), name, datastoreFile(name), types.VirtualMachineFileLayoutExFileTypeSnapshotData))
		}
	}
	for _, d := range v.disks {
		for _, l := range d.layers {
			l.descKey, l.extentKey = v.fileKey(l.dsPath()), v.fileKey(l.dsExtentPath())
			out.File = append(out.File,
				fileInfo(l.descKey, l.dsPath(), l.descPath(), types.VirtualMachineFileLayoutExFileTypeDiskDescriptor),
				fileInfo(l.extentKey, l.dsExtentPath(), l.extentPath(), types.VirtualMachineFileLayoutExFileTypeDiskExtent))
		}
	}
	out.Disk = v.diskChains(v.tops())
	for _, s := range old.Snapshot {
		if name := v.snapshotData[s.Key.Value]; name != "" {
			s.DataKey = v.fileKey(name)
		}
		if layers, ok := v.frozen[s.Key.Value]; ok {
			s.Disk = v.diskChains(layers)
		}
		out.Snapshot = append(out.Snapshot, s)
	}
	return out
}

// existingName returns the datastore path of a file vcsim listed, repaired when vcsim dropped the VM directory
// ("[ds] vm.nvram" for "[ds] vm/vm.nvram"); false when the file does not exist.
func (v *vmDisks) existingName(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	if _, err := os.Stat(datastoreFile(name)); err == nil {
		return name, true
	}
	var p object.DatastorePath
	if !p.FromString(name) || v.vmDir == "" {
		return "", false
	}
	alt := v.vmDir + "/" + path.Base(p.Path)
	if _, err := os.Stat(datastoreFile(alt)); err == nil {
		return alt, true
	}
	return "", false
}

// datastoreFile maps "[ds] dir/file" to the local file ("" when the datastore is unknown).
func datastoreFile(name string) string {
	var p object.DatastorePath
	if !p.FromString(name) {
		return ""
	}
	root, _, err := datastoreDirByName(p.Datastore)
	if err != nil {
		return ""
	}
	return filepath.Join(root, p.Path)
}

// fileKey returns the stable layoutEx key of a datastore file name, assigning the next free one on first use.
func (v *vmDisks) fileKey(name string) int32 {
	if k, ok := v.fileKeys[name]; ok {
		return k
	}
	v.nextKey++
	v.fileKeys[name] = v.nextKey
	return v.nextKey
}

func fileInfo(key int32, name, path string, kind types.VirtualMachineFileLayoutExFileType) types.VirtualMachineFileLayoutExFileInfo {
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return types.VirtualMachineFileLayoutExFileInfo{Key: key, Name: name, Type: string(kind), Size: size, UniqueSize: size, Accessible: types.NewBool(true)}
}

// diskChains lists, per disk, the chain from the base up to the given layer: base first, [descriptor, extent] each.
func (v *vmDisks) diskChains(layers map[int32]*layer) []types.VirtualMachineFileLayoutExDiskLayout {
	var out []types.VirtualMachineFileLayoutExDiskLayout
	for _, d := range v.disks {
		top := layers[d.key]
		if top == nil {
			continue
		}
		var chain []types.VirtualMachineFileLayoutExDiskUnit
		for l := top; l != nil; l = l.parent {
			chain = append([]types.VirtualMachineFileLayoutExDiskUnit{{FileKey: []int32{l.descKey, l.extentKey}}}, chain...)
		}
		out = append(out, types.VirtualMachineFileLayoutExDiskLayout{Key: d.key, Chain: chain})
	}
	return out
}
