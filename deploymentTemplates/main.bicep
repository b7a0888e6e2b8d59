// SupportShield on Azure: Azure Bot (Web Chat, Direct Line, Teams), a Linux App Service running the .NET 10 host on at
// least two instances, PostgreSQL flexible server (private, in a virtual network), Azure Cache for Redis, Key Vault with
// every secret (read by the web app's system-assigned identity through RBAC), and workspace-based Application Insights.
// Build the ARM JSON beside it after every change: bicep build deploymentTemplates/main.bicep
targetScope = 'resourceGroup'

@description('Short name used to derive every resource name (letters and digits, 3 to 11 characters).')
@minLength(3)
@maxLength(11)
param baseName string

@description('Region of every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). P1v3 or larger is recommended for production.')
param appServicePlanSku string = 'P1v3'

@description('Web app instances. At least two, so that one instance can restart or be replaced without downtime.')
@minValue(2)
@maxValue(30)
param instanceCount int = 2

@description('Microsoft Entra application (client) id of the bot (single-tenant app registration in this tenant).')
param botAppId string

@description('Client secret of the bot\'s app registration; stored in Key Vault as bot-app-password.')
@secure()
param botAppPassword string

@description('Azure Bot SKU: F0 (free, standard channels only) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('PostgreSQL administrator login name.')
param postgresAdminLogin string = 'supportshield'

@description('PostgreSQL administrator password; stored in Key Vault only inside the connection string.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL major version.')
param postgresVersion string = '16'

@description('PostgreSQL compute SKU name (for example Standard_B1ms, Standard_D2ds_v5).')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('PostgreSQL compute tier matching the SKU: Burstable, GeneralPurpose or MemoryOptimized.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'

@description('Database connections each web app instance may open (Npgsql Maximum Pool Size). Keep instances × this near a dozen per PostgreSQL vCore: more only makes the server switch between backends.')
@minValue(2)
param postgresConnectionsPerInstance int = 12

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int = 32

@description('Azure Cache for Redis SKU family and name: Basic/C, Standard/C or Premium/P.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSkuName string = 'Standard'

@description('Azure Cache for Redis capacity (0-6 for C, 1-5 for P).')
param redisCapacity int = 1

@description('Base64 key (at least 32 bytes) for code and audit value hashes (SupportShield:Security:HashKey). Required: every instance must use the same key.')
@secure()
param securityHashKey string

@description('Agent API key (SupportShield:Agent:ApiKeys:0). Empty: set the Key Vault secret agent-api-key yourself before starting the app.')
@secure()
param agentApiKey string = ''

@description('Supervisor API key (SupportShield:Agent:SupervisorKeys:0). Empty: set the Key Vault secret supervisor-api-key yourself.')
@secure()
param supervisorApiKey string = ''

@description('Ops API key (SupportShield:Ops:ApiKeys:0). Empty: set the Key Vault secret ops-api-key yourself.')
@secure()
param opsApiKey string = ''

@description('SMTP server for verification codes (SupportShield:Email:Smtp:Host). Empty: no SMTP settings are written.')
param smtpHost string = ''

@description('SMTP port.')
param smtpPort int = 587

@description('SMTP security (MailKit SecureSocketOptions): StartTls or SslOnConnect in production.')
@allowed([
  'StartTls'
  'SslOnConnect'
])
param smtpSecurity string = 'StartTls'

@description('Sender address of verification e-mails (required with an SMTP host).')
param smtpFrom string = ''

@description('SMTP login name. Empty: no login (and no password setting).')
param smtpUsername string = ''

@description('SMTP password; stored in Key Vault as smtp-password. Empty with a login: set the secret yourself.')
@secure()
param smtpPassword string = ''

@description('Twilio account SID for SMS codes (SupportShield:Sms:Twilio:AccountSid). Empty: no Twilio settings are written.')
param twilioAccountSid string = ''

@description('Twilio sender number or messaging service.')
param twilioFrom string = ''

@description('Twilio auth token; stored in Key Vault as twilio-auth-token. Empty with an account SID: set the secret yourself.')
@secure()
param twilioAuthToken string = ''

@description('Issuer of the host page\'s identity tokens (SupportShield:Identity:Issuer). Empty: identity tokens stay off and no signing key setting is written.')
param identityIssuer string = ''

@description('Audience of the identity tokens (SupportShield:Identity:Audience). Empty: not checked.')
param identityAudience string = ''

@description('Base64 HS256 key (at least 32 bytes) of the identity tokens; stored in Key Vault as identity-signing-key. Empty with an issuer: set the secret yourself.')
@secure()
param identitySigningKey string = ''

@description('Object id of a user or group given "Key Vault Secrets Officer" on the vault so that it can set secrets with the az CLI. Empty: none.')
param keyVaultOperatorObjectId string = ''

@description('Principal type of keyVaultOperatorObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param keyVaultOperatorPrincipalType string = 'User'

@description('Log Analytics retention in days.')
param logRetentionDays int = 30

@description('Tags on every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, baseName)
var names = {
  vnet: '${baseName}-vnet-${suffix}'
  plan: '${baseName}-plan-${suffix}'
  site: '${baseName}-app-${suffix}'
  bot: '${baseName}-bot-${suffix}'
  postgres: '${baseName}-pg-${suffix}'
  redis: '${baseName}-redis-${suffix}'
  keyVault: take('${baseName}kv${suffix}', 24)
  workspace: '${baseName}-log-${suffix}'
  insights: '${baseName}-appi-${suffix}'
}
var postgresDatabaseName = 'supportshield'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var siteHostName = '${names.site}.azurewebsites.net'

// ---------------------------------------------------------------- network: the web app reaches PostgreSQL privately

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: names.vnet
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.20.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.20.1.0/24'
          delegations: [
            {
              name: 'web'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.20.2.0/24'
          delegations: [
            {
              name: 'postgres'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${names.postgres}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresDnsZone
  name: '${names.vnet}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

// ---------------------------------------------------------------- monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------- PostgreSQL (no public access)

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Disabled'
      delegatedSubnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'postgres')
      privateDnsZoneArmResourceId: postgresDnsZone.id
    }
  }
  dependsOn: [
    postgresDnsZoneLink
  ]
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// ---------------------------------------------------------------- Redis (TLS only)

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: names.redis
  location: location
  tags: tags
  properties: {
    sku: {
      name: redisSkuName
      family: redisSkuName == 'Premium' ? 'P' : 'C'
      capacity: redisCapacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      'maxmemory-policy': 'volatile-lru'
    }
  }
}

// ---------------------------------------------------------------- Key Vault (RBAC) and its secrets

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.keyVault
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botAppPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource securityHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'security-hash-key'
  properties: {
    value: securityHashKey
  }
}

resource postgresConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${postgresDatabaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require;Maximum Pool Size=${postgresConnectionsPerInstance}'
  }
}

resource redisConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'redis-connection-string'
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

resource agentApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(agentApiKey)) {
  parent: keyVault
  name: 'agent-api-key'
  properties: {
    value: agentApiKey
  }
}

resource supervisorApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(supervisorApiKey)) {
  parent: keyVault
  name: 'supervisor-api-key'
  properties: {
    value: supervisorApiKey
  }
}

resource opsApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(opsApiKey)) {
  parent: keyVault
  name: 'ops-api-key'
  properties: {
    value: opsApiKey
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: keyVault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

resource twilioAuthTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(twilioAuthToken)) {
  parent: keyVault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
  }
}

resource identitySigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(identitySigningKey)) {
  parent: keyVault
  name: 'identity-signing-key'
  properties: {
    value: identitySigningKey
  }
}

// The customer page's Direct Line secret: the key of the bot's own Direct Line channel, read when the template runs.
resource webChatDirectLineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'webchat-directline-secret'
  properties: {
    value: directLineChannel.listChannelWithKeys().properties.properties.sites[0].key
  }
}

// A reference without a version always resolves the newest version of the secret (App Service re-reads it within a day or on restart).
func kvRef(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=https://${vaultName}${environment().suffixes.keyvaultDns}/secrets/${secretName}/)'

// ---------------------------------------------------------------- App Service (Linux, .NET 10)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: false
  }
}

var baseAppSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: tenant().tenantId
  MicrosoftAppPassword: kvRef(keyVault.name, botAppPasswordSecret.name)
  SupportShield__Storage__Provider: 'Postgres'
  SupportShield__Storage__Postgres__ConnectionString: kvRef(keyVault.name, postgresConnectionStringSecret.name)
  SupportShield__Redis__ConnectionString: kvRef(keyVault.name, redisConnectionStringSecret.name)
  SupportShield__Security__HashKey: kvRef(keyVault.name, securityHashKeySecret.name)
  SupportShield__Agent__ApiKeys__0: kvRef(keyVault.name, 'agent-api-key')
  SupportShield__Agent__SupervisorKeys__0: kvRef(keyVault.name, 'supervisor-api-key')
  SupportShield__Ops__ApiKeys__0: kvRef(keyVault.name, 'ops-api-key')
  SupportShield__Notices__PublicBaseUrl: 'https://${siteHostName}'
  SupportShield__DevChannel__Enabled: 'false'
  // The customer page (/) uses the Azure Bot's Direct Line channel: instances share nothing in memory for it. Its secret
  // key is copied into Key Vault by the template (webChatDirectLineSecret).
  SupportShield__DirectLine__Enabled: 'false'
  SupportShield__WebChat__DirectLineDomain: 'https://directline.botframework.com/v3/directline'
  SupportShield__WebChat__DirectLineSecret: kvRef(keyVault.name, 'webchat-directline-secret')
}

var smtpAppSettings = empty(smtpHost)
  ? {}
  : union(
      {
        SupportShield__Email__Smtp__Host: smtpHost
        SupportShield__Email__Smtp__Port: string(smtpPort)
        SupportShield__Email__Smtp__Security: smtpSecurity
        SupportShield__Email__Smtp__From: smtpFrom
      },
      empty(smtpUsername)
        ? {}
        : {
            SupportShield__Email__Smtp__Username: smtpUsername
            SupportShield__Email__Smtp__Password: kvRef(keyVault.name, 'smtp-password')
          }
    )

var twilioAppSettings = empty(twilioAccountSid)
  ? {}
  : {
      SupportShield__Sms__Twilio__AccountSid: twilioAccountSid
      SupportShield__Sms__Twilio__From: twilioFrom
      SupportShield__Sms__Twilio__AuthToken: kvRef(keyVault.name, 'twilio-auth-token')
    }

var identityAppSettings = empty(identityIssuer)
  ? {}
  : union(
      {
        SupportShield__Identity__Issuer: identityIssuer
        SupportShield__Identity__SigningKey: kvRef(keyVault.name, 'identity-signing-key')
      },
      empty(identityAudience) ? {} : { SupportShield__Identity__Audience: identityAudience }
    )

var appSettings = union(baseAppSettings, smtpAppSettings, twilioAppSettings, identityAppSettings)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: names.site
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app')
    vnetRouteAllEnabled: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      webSocketsEnabled: true
    }
  }
}

// The settings are written once the identity can read the vault, so the Key Vault references resolve on first start.
resource siteAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
  dependsOn: [
    siteSecretsUser
  ]
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource siteSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, site.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultOperatorObjectId)) {
  scope: keyVault
  name: guid(keyVault.id, keyVaultOperatorObjectId, keyVaultSecretsOfficerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: keyVaultOperatorObjectId
    principalType: keyVaultOperatorPrincipalType
  }
}

// ---------------------------------------------------------------- Azure Bot and its channels

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'SupportShield'
    endpoint: 'https://${siteHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenant().tenantId
    developerAppInsightKey: insights.properties.InstrumentationKey
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: true
          trustedOrigins: [
            'https://${siteHostName}'
          ]
        }
      ]
    }
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------- outputs (no secrets)

output webAppName string = site.name
output webAppUrl string = 'https://${siteHostName}'
output botMessagingEndpoint string = bot.properties.endpoint
output botName string = bot.name
output keyVaultName string = keyVault.name
output keyVaultUri string = keyVault.properties.vaultUri
output webAppPrincipalId string = site.identity.principalId
output postgresServerFqdn string = postgres.properties.fullyQualifiedDomainName
output redisHostName string = redis.properties.hostName
output applicationInsightsName string = insights.name
