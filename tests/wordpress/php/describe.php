<?php
/**
 * What WordPress itself holds and shows, as JSON on standard output, for comparing an import
 * with its source: each post with its address, status, date, author, categories and tags,
 * comments (with their thread and status) and featured image (alt text, caption, size).
 *
 *   php describe.php [WORDPRESS_DIR]    (default /usr/share/wordpress; WP_HOST=127.0.0.1:8081)
 */
$_SERVER['HTTP_HOST'] = getenv('WP_HOST') ?: '127.0.0.1:8081';
$_SERVER['SERVER_NAME'] = explode(':', $_SERVER['HTTP_HOST'])[0];
$_SERVER['REQUEST_URI'] = '/';
$root = $argv[1] ?? '/usr/share/wordpress';
require $root . '/wp-load.php';

$posts = [];
$query = ['post_type' => 'post', 'post_status' => 'any', 'numberposts' => -1, 'orderby' => 'ID', 'order' => 'ASC'];
foreach (get_posts($query) as $post) {
    $comments = [];
    foreach (get_comments(['post_id' => $post->ID, 'status' => 'all', 'orderby' => 'comment_ID', 'order' => 'ASC']) as $c) {
        $comments[] = [
            'id' => (int) $c->comment_ID,
            'parent' => (int) $c->comment_parent,
            'author' => $c->comment_author,
            'approved' => $c->comment_approved,
            'date_gmt' => $c->comment_date_gmt,
        ];
    }
    $thumbnail = null;
    $thumbnail_id = (int) get_post_thumbnail_id($post);
    if ($thumbnail_id) {
        $meta = wp_get_attachment_metadata($thumbnail_id);
        $thumbnail = [
            'id' => $thumbnail_id,
            'alt' => get_post_meta($thumbnail_id, '_wp_attachment_image_alt', true),
            'caption' => wp_get_attachment_caption($thumbnail_id),
            'url' => wp_get_attachment_url($thumbnail_id),
            'width' => $meta['width'] ?? null,
            'height' => $meta['height'] ?? null,
        ];
    }
    $posts[] = [
        'id' => $post->ID,
        'title' => $post->post_title,
        'slug' => $post->post_name,
        'permalink' => get_permalink($post),
        'status' => $post->post_status,
        'date_gmt' => $post->post_date_gmt,
        'author' => get_the_author_meta('user_login', $post->post_author),
        'categories' => wp_get_post_categories($post->ID, ['fields' => 'names']),
        'tags' => wp_get_post_tags($post->ID, ['fields' => 'names']),
        'comment_count' => (int) $post->comment_count,
        'comments' => $comments,
        'thumbnail' => $thumbnail,
    ];
}
echo json_encode(['home' => home_url('/'), 'posts' => $posts], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT);
