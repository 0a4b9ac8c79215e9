-- Issue 15.3: delivery errors used to carry up to 200 characters of what a webhook target answered
-- (any host an employee typed) and the resolver's message with the host name. /admin/notifications
-- shows lastError, so rows written before the fix keep only the status, the vendor's numeric code or
-- the error class. Data only: the schema does not change.
UPDATE "Notification"
SET "lastError" = CASE
  WHEN "lastError" ~ '^webhook 返回 HTTP [0-9]{3}' THEN substring("lastError" FROM '^webhook 返回 HTTP [0-9]{3}')
  WHEN "lastError" ~ '^webhook 拒绝了消息：(errcode|code|StatusCode)=-?[0-9]{1,10}( |$)'
    THEN substring("lastError" FROM '^webhook 拒绝了消息：(?:errcode|code|StatusCode)=-?[0-9]{1,10}')
  WHEN "lastError" LIKE 'webhook 拒绝了消息%' THEN 'webhook 拒绝了消息'
  WHEN "lastError" ~ '^webhook 请求失败：[A-Z_0-9]{1,40}$' THEN "lastError"
  WHEN "lastError" ~ '^webhook 请求失败：超时' THEN "lastError"
  WHEN "lastError" LIKE 'webhook 请求失败%' THEN 'webhook 请求失败'
  ELSE "lastError"
END
WHERE channel IN ('WECOM', 'DINGTALK', 'FEISHU') AND "lastError" LIKE 'webhook %';
