<?php
/**
 * WordPress's own export (Tools › Export › All content) written to standard output:
 * export_wp() from wp-admin/includes/export.php, run by PHP's command line.
 *
 *   php export.php [WORDPRESS_DIR]      (default /usr/share/wordpress; WP_HOST=127.0.0.1:8081)
 */
$_SERVER['HTTP_HOST'] = getenv('WP_HOST') ?: '127.0.0.1:8081';
$_SERVER['SERVER_NAME'] = explode(':', $_SERVER['HTTP_HOST'])[0];
$_SERVER['REQUEST_URI'] = '/';
$root = $argv[1] ?? '/usr/share/wordpress';
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
export_wp(['content' => 'all']);
