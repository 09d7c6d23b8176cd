-- Argo CD health of a snapshotha.io RecoveryImage, from status.phase and the Committed and Verified conditions.
-- Runs after ../../common.lua (hs, condition, messageOf, generationPending).
if obj.status == nil or obj.status.phase == nil then return hs end

local phase = obj.status.phase
local verified = condition("Verified")
if phase == "Committed" or phase == "Superseded" then
  if verified ~= nil and verified.status == "False" then
    hs.status = "Degraded"
    hs.message = messageOf(verified, "Verification failed")
  else
    hs.status = "Healthy"
    hs.message = phase
  end
elseif phase == "Pruned" then
  hs.status = "Healthy"
  hs.message = "Pruned by retention"
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = messageOf(condition("Committed"), "Shipping or merging failed")
elseif phase == "Pending" or phase == "Shipping" or phase == "Merging" then
  hs.message = messageOf(condition("Committed"), phase)
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
