-- Argo CD health of a snapshotha.io Failover, from status.phase and the Fenced, Restored and Succeeded conditions.
-- A failover that waits for a person to confirm fencing (spec.fencingConfirmed) is Suspended.
-- Runs after ../../common.lua (hs, condition, messageOf, generationPending).
local function firstFalse()
  for _, conditionType in ipairs({ "Fenced", "Restored", "Succeeded" }) do
    local c = condition(conditionType)
    if c ~= nil and c.status == "False" then return c end
  end
  return nil
end

if obj.status == nil or obj.status.phase == nil then return hs end

local phase = obj.status.phase
local fenced = condition("Fenced")
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = messageOf(condition("Succeeded"), "The recovered VM runs")
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = messageOf(firstFalse(), "The failover failed")
elseif phase == "Fencing" and fenced ~= nil and fenced.reason == "AwaitingConfirmation" then
  hs.status = "Suspended"
  hs.message = messageOf(fenced, "Waiting for spec.fencingConfirmed")
elseif phase == "Pending" or phase == "Fencing" or phase == "Restoring" or phase == "PoweringOn" then
  hs.message = phase
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
