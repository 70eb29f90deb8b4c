import { currencySymbol, type StoreSettings } from './settings';

/**
 * `GET /system_status` (WC_REST_System_Status_V2_Controller) with the sections a client reads filled from the store's
 * settings (`environment`, `settings`) and the server-specific ones given plausible fixed values.
 */
export function systemStatus(settings: StoreSettings): Record<string, unknown> {
  const home = settings.url;
  return {
    environment: {
      home_url: home,
      site_url: home,
      version: settings.wcVersion,
      log_directory: '/var/www/html/wp-content/uploads/wc-logs/',
      log_directory_writable: true,
      wp_version: settings.wpVersion,
      wp_multisite: false,
      wp_memory_limit: 268435456,
      wp_debug_mode: false,
      wp_cron: true,
      language: 'en_US',
      external_object_cache: null,
      server_info: 'Apache/2.4.62 (Debian)',
      php_version: '8.2.28',
      php_post_max_size: 67108864,
      php_max_execution_time: 30,
      php_max_input_vars: 1000,
      curl_version: '7.88.1, OpenSSL/3.0.15',
      suhosin_installed: false,
      max_upload_size: 67108864,
      mysql_version: '8.0.41',
      mysql_version_string: '8.0.41',
      default_timezone: 'UTC',
      fsockopen_or_curl_enabled: true,
      soapclient_enabled: false,
      domdocument_enabled: true,
      gzip_enabled: true,
      mbstring_enabled: true,
      remote_post_successful: true,
      remote_post_response: 200,
      remote_get_successful: true,
      remote_get_response: 200,
    },
    database: { wc_database_version: settings.wcVersion, database_prefix: 'wp_', maxmind_geoip_database: '' },
    active_plugins: [],
    inactive_plugins: [],
    dropins_mu_plugins: { dropins: [], mu_plugins: [] },
    theme: { name: 'Storefront', version: '4.6.1', is_child_theme: false, has_woocommerce_support: true },
    settings: {
      api_enabled: true,
      force_ssl: false,
      currency: settings.currency,
      currency_symbol: currencySymbol(settings.currency),
      currency_position: 'left',
      thousand_separator: ',',
      decimal_separator: '.',
      number_of_decimals: settings.decimals,
      geolocation_enabled: false,
      taxonomies: {
        external: 'external',
        grouped: 'grouped',
        simple: 'simple',
        variable: 'variable',
      },
      product_visibility_terms: {
        'exclude-from-catalog': 'exclude-from-catalog',
        'exclude-from-search': 'exclude-from-search',
        featured: 'featured',
        outofstock: 'outofstock',
      },
      woocommerce_com_connected: 'no',
    },
    security: { secure_connection: home.startsWith('https:'), hide_errors: true },
    pages: [],
    post_type_counts: [],
  };
}
