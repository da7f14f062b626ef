//! Flows across the functions of one C file (`fixtures/textbook/`): each vulnerable program
//! has its finding at the sink, in the function where the tainted value arrives; its fixed
//! twin has no finding at all.

use hexacoder_oracle::{analyse, scan_source, Language, RuleFilter, SourceFile};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/textbook")
}

/// (program, CWE, line of the finding in the vulnerable one)
const EXPECTED: &[(&str, &str, usize)] = &[
    ("cwe078_arg", "CWE-078", 7), // fgets in main → sink(data) → system(data)
    ("cwe078_return", "CWE-078", 19), // fgets in source() → returned → popen
    ("cwe078_global", "CWE-078", 18), // getenv → file-scope buffer → system in run()
    ("cwe134_arg", "CWE-134", 6), // fgets → show(data) → printf(data)
    ("cwe190_arg", "CWE-190", 6), // atoi(fgets) → sink(int) → data * 2
    ("cwe787_index", "CWE-787", 7), // atoi(fgets) → sink(int) → buffer[data] = 1
    ("cwe078_macro", "CWE-078", 11), // fgets → sink(data) → EXECL(SHELL_PATH, …, data) macros
    ("cwe078_popen_macro", "CWE-078", 26), // getenv → returned → POPEN(cmd) in an #ifdef
    ("cwe190_macro", "CWE-190", 18), // fscanf → returned → sink(int) → ALLOCATE(count * size)
    ("cwe787_loop", "CWE-787", 10), // atoi(fgets) → sink(count) → for (i < count) buffer[i] = 0
    ("cwe078_struct", "CWE-078", 21), // fgets into req->command via a pointer → run(&req) → system
    ("cwe125_lower", "CWE-125", 10), // atoi(fgets) → lookup(index) → `if (index >= 0)` only
    ("cwe476_return", "CWE-476", 14),
    ("cwe190_fscanf", "CWE-190", 9), // fscanf(in, "%u", &count) != 1 is no bound → malloc(count * size)
    ("cwe787_memcpy", "CWE-787", 6), // len = strlen(src); memcpy(dst, src, len + 1) into the caller's 32 bytes
    ("cwe078_recv_global", "CWE-078", 22), // recv into a file-scope buffer → EXECLP(SHELL, …, g_cmd) in launch()
    ("cwe078_snprintf_outparam", "CWE-078", 26), // fgets in build() → snprintf into the caller's cmd → system
    ("cwe078_struct_value", "CWE-078", 12), // argv[1] into j.target → run_job(j) by value → execl sh -c
    ("cwe190_recv_return", "CWE-190", 20), // atoi(recv) returned → alloc_records(count) → count * 64
    ("cwe190_getenv_global", "CWE-190", 14), // atoi(getenv) into a global → width * width in draw()
    ("cwe787_fscanf_global", "CWE-787", 16), // fscanf(&position) into a global, reset only on failure → slots[position]
    ("cwe787_strcpy_arg", "CWE-787", 8),     // getenv → remember(home) → strcpy into 32 bytes
    ("cwe787_memcpy_len", "CWE-787", 8), // fgets → store(line, strlen) → memcpy(dest[50], src, len)
    ("cwe476_malloc_global", "CWE-476", 13), // malloc into a global in setup() → counts[0] in bump()
    ("cwe476_getenv_arg", "CWE-476", 13),    // getenv → name_length(user), which calls strlen on it
    ("cwe125_fscanf_arg", "CWE-125", 8),     // fscanf from a file → price_of(item) → prices[item]
    ("cwe134_getenv_return", "CWE-134", 12), // getenv returned by banner() → fprintf(stdout, banner())
    ("cwe134_recv_struct", "CWE-134", 19), // recv into m->text via a pointer → snprintf(out, size, m->text)
    ("cwe416_helper_free", "CWE-416", 19), // release(name) frees its parameter → printf("%s", name)
    ("cwe022_argv_join", "CWE-022", 7),    // argv[1] → open_report(name) → snprintf path → fopen
    ("cwe190_scanf_global_square", "CWE-190", 7), // scanf into a global → scale * scale in compute()
    ("cwe190_return_increment", "CWE-190", 17),   // strtol(fgets) returned → total++ unchecked
    ("cwe787_heap_literal", "CWE-787", 12),       // malloc(10) then strcpy of an 11-byte literal
    ("cwe787_fscanf_heap_index", "CWE-787", 22),  // fscanf index → v[n] into a malloc'd array of 5
    ("cwe125_upper_only", "CWE-125", 10),         // atoi(fgets) → get(i) checks only i < 5
    ("cwe416_global_free", "CWE-416", 25), // drop() frees a file-scope pointer → current->id after
    ("cwe787_helper_loop", "CWE-787", 8), // atoi(fgets) → fill(data, count) → dst[i] in a loop up to count
    ("cwe125_helper_loop", "CWE-125", 8), // scanf → sum_first(values, n) → values[i] in a loop up to n
    ("cwe787_global_count_loop", "CWE-787", 18), // atoi(fgets) into a global → clear_names(g_names, g_count) → names[i][0]
    ("cwe125_loop_read", "CWE-125", 13), // atoi(argv[1]) → total += table[i] in a loop up to n
    ("cwe125_memcpy_source", "CWE-125", 14), // strtoul(fgets) bounded by sizeof dst only → memcpy from src[8]
    ("cwe787_wrong_buffer_loop", "CWE-787", 11), // loop bounded by sizeof big writes small[8]
    ("cwe190_struct_field_alloc", "CWE-190", 16), // fscanf into cfg->count, cfg->width via a pointer → malloc(count * width) in make_grid()
    ("cwe190_return_add", "CWE-190", 13), // atoi(fgets) returned → print_next(value) → value + 1
    ("cwe476_lookup_helper", "CWE-476", 20), // find() returns NULL when the key is missing → e->value in show()
    ("cwe078_strcat_global_macro", "CWE-078", 22), // recv into a file-scope buffer → strcat onto a macro command → RUN (system) macro
    ("cwe134_syslog_arg", "CWE-134", 6), // fgets from a file → log_line(buf) → syslog(LOG_INFO, msg)
    ("cwe416_field_helper_free", "CWE-416", 9), // close_session() frees s->name, the caller prints it after
    ("cwe078_execl_getenv_return", "CWE-078", 15), // getenv returned by get_target() → snprintf → execl(SHELL, …, "-c", cmd)
    ("cwe190_global_square_ll", "CWE-190", 12), // scanf("%lld") into a global → g_data * g_data in sink()
    ("cpp078_ref_namespace", "CWE-078", 20), // std::getline into a reference parameter of net::read_host() → Pinger::ping (defined outside the class) → std::system
    ("cpp787_member_strcpy", "CWE-787", 7), // argv[1] → r.set_name(n) → std::strcpy into the member char name[16]
    ("cpp190_new_array", "CWE-190", 13),    // std::cin >> n returned → new int[count * 4]
    ("cpp125_vector_helper", "CWE-125", 6), // std::cin >> index → lookup(prices, index) → v[i] unchecked
    ("cpp134_string_helper", "CWE-134", 7), // std::getline → report(line) → std::printf(msg.c_str())
    ("cpp476_find_nullptr", "CWE-476", 18), // find_name() returns nullptr → std::strlen(n)
    ("cpp787_member_loop", "CWE-787", 9), // std::cin >> n → b.fill(n) → member data[32] written up to n
    ("cwe190_helper_sum", "CWE-190", 18), // fscanf in read_int(f) returned twice → a + b, after a NULL test of f
    ("cwe190_widened_product", "CWE-190", 10), // (alen + 1) * (blen + 1) * sizeof in 32 bits; fixed: (size_t) first
    ("cpp078_concat_method", "CWE-078", 10), // getline → r.run("ls " + line), a method defined in its class → std::system
    ("cpp787_cin_index", "CWE-787", 8),      // std::cin >> index → values[index] on new int[10]
    ("cpp416_delete", "CWE-416", 13),        // delete item; then item->id
    ("cpp190_namespace_cin", "CWE-190", 17), // std::cin >> n in util::read_count() → malloc(n * sizeof(int))
    ("cpp476_static_cast", "CWE-476", 7),    // static_cast<char *>(std::malloc(32)) used unchecked
    ("cpp787_cin_word", "CWE-787", 7),       // std::cin >> buf into char[8] without std::setw
    ("cpp762_new_array_delete", "CWE-762", 7), // new int[4] released with delete
    ("cpp078_method", "CWE-078", 12), // std::getline(std::cin) → returned → runner.run → std::system(c_str())
    ("cpp787_index", "CWE-787", 18), // std::atoi(std::fgets) → returned → buffer[index] (C++ grammar) // malloc returned by make_buffer → strcpy(data, …) in main
    ("cwe787_recv_count_loop", "CWE-787", 12), // got = recv(…, sizeof packet) tested only `<= 0` → header[k] up to got
    ("cwe787_recv_count_helper", "CWE-787", 9), // recv's count → copy_bytes(header, packet, got) → out[k] up to len
    ("cwe787_recv_terminator", "CWE-787", 12), // n = recv(…, sizeof request) → request[n] = '\0', one past the end
    ("cwe787_read_memcpy_global", "CWE-787", 12), // read(fd, chunk, 512) → memcpy(g_name[32], chunk, got)
    ("cwe476_null_flag", "CWE-476", 11), // data = NULL under `if (staticTrue)` → *data under another
    ("cwe476_null_sink", "CWE-476", 4),  // int *data = NULL → sink(data) → data[0] unchecked
    ("cwe787_const_memmove", "CWE-787", 8), // memmove(dst[50], source, 100 * sizeof(char))
    ("cwe787_alias_memmove", "CWE-787", 10), // data = dataBadBuffer[50] → memmove(data, source, 100)
    ("cwe787_alias_strcpy_array", "CWE-787", 11), // data = buffer[50] → strcpy(data, source[100])
    ("cwe787_alias_loop", "CWE-787", 11),    // data = buffer[50] → data[i] for i < 100
    ("cwe787_heap_int_loop", "CWE-787", 9),  // int *data = malloc(10) (bytes) → data[i] for i < 10
    ("cwe416_loop_double_free", "CWE-416", 8), // free(data) in a two-pass loop, never reassigned
    ("cwe134_variadic_wrapper", "CWE-134", 20), // fgets(data + dataLen) → badVaSink(data, data) → vprintf(data, args)
    ("cwe787_alias_snprintf", "CWE-787", 11), // data = buffer[50] → snprintf(data, 100, "%s", source)
    ("cwe190_rand_multiply", "CWE-190", 8),   // data = rand(), tested only `> 0` → data * 2
    ("cwe787_rand_index", "CWE-787", 8), // data = rand(), tested only `>= 0` → buffer[data] = 1
    ("cpp416_member_release", "CWE-416", 9), // release() deletes member `node` without resetting it; value() reads it
    ("cwe476_fopen_loop", "CWE-476", 6), // f = fopen(…) unchecked → while (fgets(line, n, f)) reads it
    ("cwe416_list_free_loop", "CWE-416", 6), // for (p = head; p; p = p->next) free(p): the update reads p
    ("cwe125_off_by_one_helper", "CWE-125", 5), // `if (i < 0 || i > 8) return -1; return table[i];` for table[8]
    ("cpp476_dynamic_cast", "CWE-476", 7),      // dynamic_cast<Derived *>(b) unchecked → d->x
    ("cpp022_ifstream", "CWE-022", 8),          // "/data/" + argv[1] → std::ifstream in(path)
    ("cwe078_macro_variable", "CWE-078", 31), // fgets appended in extend(data) → RUN(…, SHELL_CMD, NULL) with `#define SHELL_CMD data`
    ("cwe134_recv_append_helper", "CWE-134", 32), // recv appended at data + dataLen in a helper, terminated at dataLen + recvResult / sizeof(char) → printf(data)
    ("cwe078_strncat_field", "CWE-078", 21), // getenv strncat'ed at b->text + n, room 100 - n - 1 → DO_IT(b.text), DO_IT = system
    ("cwe787_voidptr_sink", "CWE-787", 11), // sink(&data) as void *, data = small[50] → char **pp = vp; data = *pp → strcpy of source[100]
    ("cwe787_pointer_array_sink", "CWE-787", 10), // slots[2] = data (small[50]) → sink(slots) → data = arr[2] → memcpy 100 bytes
    ("cwe787_wide_ptrptr_sink", "CWE-787", 11), // sink(&data), data = wchar_t small[50] → wcsncpy(data, source, 99)
    ("cwe787_heap_struct_sink", "CWE-787", 13), // p.first = malloc(10) → sink(p) by value → data[i] for i < 10 ints
    ("cwe125_memcpy_dest_length", "CWE-125", 9), // sink(small[50]) → memcpy(dest, data, strlen(dest) * sizeof(char)), dest[100]
    ("cwe476_deref_after_check", "CWE-476", 9), // if (p == NULL) { printf(…); } then *p; fixed: the branch returns
    ("cwe476_non_short_circuit", "CWE-476", 8), // (p != NULL) & (p->one == 5): `&` evaluates both sides
    ("cwe476_global_null_callee", "CWE-476", 10), // g_data = NULL; sink() → g_data->one
    ("cwe078_fnptr", "CWE-078", 11), // fgets → fp(value), fp = runner → EXECL(sh, -c, value); fixed: newline strip kept
    ("cwe078_ptrptr", "CWE-078", 23), // getenv appended through char **p1 → system(*p2); fixed: a literal appended
    ("cwe476_return_null", "CWE-476", 13), // pick() returns a local set to NULL → strlen(value)
    ("cwe787_wcsncat", "CWE-787", 11), // wcsncat(dest[50], source, wcslen(source)) for wchar_t source[100]
    ("cwe787_param_loop", "CWE-787", 12), // copy(dest) writes dest[i] for i < 100; main passes char[50]
    ("cpp416_helper_delete", "CWE-416", 15), // release(value) does delete[] value → std::cout << value
    ("cwe476_binary_and", "CWE-476", 29), // (p != NULL) & (p->first == 5): `&` evaluates both sides
    ("cwe787_wcsncpy", "CWE-787", 9), // wcsncpy(dest[50], source[100], wcslen(source)); fixed: dest[100], once a false alarm
    ("cwe416_global_callee", "CWE-416", 9), // free(g_buf) in main, then show() prints g_buf (its twin's refill() reassigns it first)
    ("cwe125_underread_loop", "CWE-125", 16), // data = buffer - 8; dest[i] = data[i] from 0
    ("cwe125_underread_strcpy", "CWE-125", 12), // data = buffer - 8; strcpy(dest, data)
    ("cwe787_underwrite_sink", "CWE-787", 12), // data = malloc'd buffer - 8 → sink(data) → data[i] = source[i]
    ("cwe787_underwrite_memcpy", "CWE-787", 10), // int *data = buffer - 8; memcpy(data, source, …)
    ("cwe190_rand_macro", "CWE-190", 12),      // RAND32() (a macro over rand()) + 1
    ("cwe078_union", "CWE-078", 26), // fgets appended to "ls " → union field → other field → system (twin: strcat "*.*" fits)
    ("cpp476_nothrow", "CWE-476", 8), // new (std::nothrow) Node used unchecked
    ("cwe190_negative_multiply", "CWE-190", 17), // atoi(fgets) returned; `if (value < 0)` then value * 2 underflows
    ("cwe787_fnptr_sink", "CWE-787", 10), // data = small[50] → fp(data) through a function pointer → strcpy of 99 chars
    ("cwe476_check_after_deref", "CWE-476", 7), // *p = 5 before if (p != NULL)
    ("cwe476_struct_helper", "CWE-476", 18), // pick(0) returns NULL → data->a
    ("cwe190_static_flag", "CWE-190", 10), // fscanf → sink(data) under a static flag → data + 1
    ("cwe190_char", "CWE-190", 10),       // fscanf("%c") → char data + 1
    ("cwe190_short", "CWE-190", 13),      // (short)atoi → `if (data > 0)` only → data * 2
    ("cwe190_square", "CWE-190", 12),     // fscanf int64 → data * data
    ("cwe190_decrement", "CWE-190", 10),  // fscanf → data-- (CWE-191)
    ("cpp134_cstr_helper", "CWE-134", 6), // std::getline → show(line.c_str()) → std::printf(text)
    ("cpp190_cin_helper", "CWE-190", 5),  // std::cin >> data → grow(data) → data * 2
    ("cpp416_member_delete", "CWE-416", 6), // h.release() deletes the member, h.first() reads it
    ("cpp078_constructor_member", "CWE-078", 11), // std::getline → Runner r(line) → member arg_ (initialiser list) → run() → std::system
    ("cpp078_ctor_dtor", "CWE-078", 26), // new Job(buffer): the constructor appends fgets to the member, the destructor runs system(data)
    ("cpp190_virtual_action", "CWE-190", 12), // std::cin >> data → b.action(data), a virtual method → data * 2
    ("cpp787_vector_slot", "CWE-787", 11), // small[50] inserted thrice into a std::vector → sink(v) → v[2] → strcpy of 99 chars
    ("cpp078_vector", "CWE-078", 9), // fgets appended → std::vector insert → sink(v) → system(v[2])
    ("cpp078_map", "CWE-078", 8),    // getenv → std::map slots → sink(m) → system(m[2])
    ("cwe078_execv_args", "CWE-078", 13), // getenv appended with strncat → sink(data) → char *args[] = {…, COMMAND_ARG3 (= data)} → execv
    ("cwe125_declare_loop_strlen", "CWE-125", 21), // data = small[50]; destLen = strlen(dest[100]); dest[i] = data[i] for i < destLen
    ("cwe125_malloc_loop_strlen", "CWE-125", 20),  // the same over malloc(50 * sizeof(char))
    ("cwe134_file_helper", "CWE-134", 8), // fgets from a file appended → sink(data) → fprintf(stdout, data)
    ("cwe134_wide_console", "CWE-134", 17), // fgetws appended → wprintf(data)
    ("cwe190_max_add", "CWE-190", 6),     // data = INT_MAX → sink(data) → data + 1
    ("cwe190_preincrement", "CWE-190", 17), // atoi(fgets) returned → ++data
    ("cwe190_min_subtract", "CWE-190", 10), // data = INT64_MIN → data - 1 (CWE-191)
    ("cwe476_null_passed", "CWE-476", 5), // data = NULL → sink(data) → *data
    ("cwe476_static_global_copy", "CWE-476", 10), // data = NULL; g_data = data; sink() copies g_data → data->a
    ("cwe787_int_alloc_bytes", "CWE-787", 13), // malloc(10) for 10 ints → memcpy(data, source, 10 * sizeof(int))
    ("cwe787_ncat_source_length", "CWE-787", 11), // strncat(dest[50], data, strlen(data)) with 99 chars (twin: 49)
    ("cwe787_off_by_one_sink", "CWE-787", 9), // data = bad[10] → sink → strcpy of "AAAAAAAAAA" (11 bytes)
    ("cwe787_struct_type_overrun", "CWE-787", 15), // memcpy(cv.first, SRC, sizeof(cv)): the whole struct into its 16-byte member
    ("cwe078_copy_block_variant", "CWE-078", 23), // fgets appended; in a block `char *dataCopy = data; char *data = dataCopy;` → system
    ("cwe078_ptrptr_variant", "CWE-078", 8),      // sink(&data) → data = *dataPtr → system
    ("cwe078_slot_variant", "CWE-078", 8), // dataArray[2] = data → sink(dataArray) → popen(dataArray[2])
    ("cwe078_struct_variant", "CWE-078", 10), // p.first = data → sink(p) by value → system(p.first)
    ("cwe078_voidptr_variant", "CWE-078", 9), // sink(&data) as void * → (char **) → system
    ("cwe190_global_variant", "CWE-190", 10), // atoi(fgets) → g_data → sink() → data * data
    ("cwe190_slot_variant", "CWE-190", 8), // dataArray[2] = data → sink(dataArray) → data + 1
    ("cwe190_struct_variant", "CWE-190", 10), // s.first = data → sink(s) by value → data++
    ("cwe190_voidptr_variant", "CWE-190", 9), // sink(&data) as void * → (int *) → data * 2
    ("cwe416_slot_variant", "CWE-416", 21), // free(data), then dataArray[2] = data → sink(dataArray) prints it
    ("cwe476_voidptr_variant", "CWE-476", 7), // data = NULL → sink(&data) as void * → *(*(int **)vp)
    ("cpp078_namespace_return", "CWE-078", 22), // getenv strncat'ed in cmd::source() → returned → popen
    ("cpp125_new_loop", "CWE-125", 15),         // new int[5] read for i < 10
    ("cpp134_method_printf", "CWE-134", 8),     // fgets → p.print(data) → std::printf(data)
    ("cpp190_short_return", "CWE-190", 16),     // std::cin >> short returned → data + 1
    ("cpp416_new_delete", "CWE-416", 10),       // delete data, then *data
    ("cpp476_nullptr_sink", "CWE-476", 9),      // data = nullptr → sink(data) → data->one
    ("cpp787_new_array_sink", "CWE-787", 11), // new char[50] → sink(data) → std::strcpy of 99 chars
    ("cpp787_new_int_memcpy", "CWE-787", 14), // new int[10] → std::memcpy of 11 ints
    ("cwe078_socket_execlp", "CWE-078", 51), // recv appended after "ls " with its terminator and \r/\n strip → EXECLP(sh, -c, data)
    ("cwe078_file_return", "CWE-078", 29), // fgets from a file appended in source() → returned → system
    ("cwe078_wide_env_popen", "CWE-078", 23), // _wgetenv → wcsncat → POPEN = _wpopen (twin: wcscat L"*.*" into L"ls ", once a false CWE-787)
    ("cwe134_fixed_string_sink", "CWE-134", 6), // fgets → sink(data) → printf(data) (twin: strcpy "fixedstringtest", once a false alarm)
    ("cwe134_fixed_string_local", "CWE-134", 10), // fgets into data → printf(data) (twin: strcpy of a literal, once a false alarm)
    ("cwe416_sink_param", "CWE-416", 19), // free(data) → sink(data) prints it (twin: the sink does nothing with it, once a false alarm)
    ("cwe078_allowlist", "CWE-078", 8), // fgets → sink(data) → system(data) under a length test (twin: under strcmp(data, "ls") == 0 || …, once a false alarm)
    ("cpp787_base_pointer_action", "CWE-787", 18), // small[50] → obj->action(data) through a Base * → memcpy of 100 bytes
    ("cpp190_list_back", "CWE-190", 10), // std::cin → std::list push_back → sink(values) → values.back() * 2
    ("cpp125_map_slot", "CWE-125", 11), // std::cin → std::map slots → sink(m) → buffer[m[2]] with `data >= 0` only
    ("cpp416_constructor_delete", "CWE-416", 7), // the constructor deletes the member the destructor reads
    ("cpp078_string_append", "CWE-078", 16), // cmd += read_arg() (std::cin >> s returned) → std::system(cmd.c_str())
    ("cwe787_constant_large_index", "CWE-787", 8), // data = 10 → sink(data) → `if (data >= 0) buffer[data] = 1` over int[10]
    ("cwe787_constant_negative_index", "CWE-787", 10), // data = -5; `if (data < 10) buffer[data] = 1`
    ("cwe787_ncpy_length_plus_one", "CWE-787", 14), // strncpy(malloc(10), source, strlen(source) + 1) for a 10-character source
    ("cwe787_alloca_bytes_loop", "CWE-787", 10),    // alloca(10) for ten ints, written in a loop
    ("cwe125_memmove_dest_length", "CWE-125", 18), // memmove(dest, small, strlen(dest) * sizeof(char)) for dest's 99 characters
    ("cwe787_snprintf_source_length", "CWE-787", 11), // snprintf(dest[50], strlen(data), …) with data holding 99 characters
    ("cwe416_for_once_variant", "CWE-416", 25), // free inside `for (j = 0; j < 1; j++)`, use in another such loop (twin: use before free; a one-pass loop was a false double free)
    ("cwe416_if_five_variant", "CWE-416", 25), // free under `if (staticFive == 5)`, use under another
    ("cwe416_if_static_variant", "CWE-416", 25), // free under `if (staticTrue)`, use under another
    ("cwe416_switch_variant", "CWE-416", 30), // free in `switch (6) case 6:`, use in another switch
    ("cwe416_while_variant", "CWE-416", 26),  // free in `while (1) { …; break; }`, use in another
    ("cwe476_goto_variant", "CWE-476", 11), // data = NULL after `goto source;`, dereferenced after `goto sink;`
    ("cwe476_if_static_variant", "CWE-476", 12), // data = NULL under `if (staticTrue)`, *data under another
    ("cwe476_switch_variant", "CWE-476", 15), // data = NULL in a case that breaks, *data in another switch (the `break` was taken as leaving)
    ("cpp787_getline_bound", "CWE-787", 5),   // std::cin.getline(name, 64) into char name[16]
    ("cwe476_strchr_helper", "CWE-476", 7), // fgets → split(line) → *strchr(line, ':') = '\0' unchecked
    ("cwe476_malloc_struct_helper", "CWE-476", 12), // new_record(): r = malloc(…); r->id = id unchecked
    ("cwe125_off_by_one_loop_read", "CWE-125", 8),  // values[i] for i <= 10 over int[10]
    ("cwe134_snprintf_env", "CWE-134", 20),         // getenv strncat'ed → snprintf(dest, 99, data)
    ("cwe134_vsnprintf_wrapper", "CWE-134", 25), // fgets appended → bad_vasink(data, data) → vsnprintf(dest, 99, data, args)
    ("cwe125_rand_index_read", "CWE-125", 8), // rand() → sink(data) → buffer[data] under `data >= 0` only
    ("cwe125_upper_bound_read", "CWE-125", 13), // atoi(fgets) → buffer[data] under `data < 10` only
    ("cwe078_spawnl_cmd", "CWE-078", 24), // fgets appended to "dir " → _spawnl(_P_WAIT, cmd.exe, cmd.exe, /c, data)
    ("cwe476_null_one_branch", "CWE-476", 16), // NULL in one branch of a random test, a value in the other, deref after the merge
    ("cwe078_fnptr_allowlist", "CWE-078", 7), // sink through a function pointer; twin allowlists by strcmp at the call
    ("cwe134_union_room", "CWE-134", 15), // env through a union's other member; `99 - strlen(data)` is no overflow on 100 bytes
    ("cwe787_malloc_loop_input", "CWE-787", 9), // loop up to a scanf count writes a malloc(10 * sizeof(int)) block
    ("cpp787_new_loop_input", "CWE-787", 7),    // loop up to a cin count writes new int[10]
    ("cpp125_vector_caller_bound", "CWE-125", 6), // method reads v[idx]; twin's caller bounds idx on both sides
    ("cpp022_ifstream_caller_check", "CWE-022", 6), // ifstream of a parameter; twin's only caller rejects ".." and "/"
    ("cpp787_namespace_put_bound", "CWE-787", 3), // namespace helper writes slots[pos]; caller tests pos < 4 only
    ("cwe125_helper_alloc_literal", "CWE-125", 14), // p[4] read of the 4 ints a helper malloc'd and returned
    ("cwe476_null_unless_flag", "CWE-476", 12), // NULL unless an `if (g_flag)` allocated it, then dereferenced
    ("cwe476_null_literal_list", "CWE-476", 7), // last_value(NULL) walks `cur = head; cur->next` unchecked
    ("cwe078_execv_array", "CWE-078", 10), // argv[1] into {"/bin/sh", "-c", …} run by execv(args[0], args); twin runs /bin/ls
    ("cwe416_alias_free", "CWE-416", 11),  // q = p; free(p); *q
    ("cpp416_alias_delete", "CWE-416", 7), // q = p; delete p; *q
    ("cpp787_cstr_size_memcpy", "CWE-787", 6), // memcpy(dst, s.c_str(), s.size() + 1) into a caller's char[16]
    ("cpp787_cin_new_buffer", "CWE-787", 6),   // std::cin >> buf with buf = new char[8]
    ("cpp078_checked_in_caller", "CWE-078", 8), // host → member command → system; twin's caller checks the characters first
    ("cwe134_warnx", "CWE-134", 8), // fgets line as warnx's format (<err.h> formats like printf)
    ("cwe416_field_freed_by_helper", "CWE-416", 7), // drop(&u) frees u.name, caller prints it; twin's caller resets it
    ("cwe787_pointer_copy_loop", "CWE-787", 5), // while (*src) *dst++ = *src++ into a caller's char[16] from a 256-byte line
    ("cwe787_strip_spaces_loop", "CWE-787", 10), // out[j++] = line[i] until line's end, out 32 bytes
    ("cwe078_allowlisted_append", "CWE-078", 14), // stdin appended to a global command run by popen in another function; twin appends only a strcmp-allowed literal
    ("cwe787_packet_len_field", "CWE-787", 9), // fread → p->len = raw[0] → memcpy into the struct's char data[32]
    ("cwe787_join_no_terminator", "CWE-787", 8), // malloc(strlen(a) + strlen(b)) then strcpy/strcat
    ("cwe787_strcpy_length_checked", "CWE-787", 9), // strcpy of a 100-byte line into 10; twin tests strlen(src) >= sizeof dst first
    ("cpp787_cstr_strcpy_checked", "CWE-787", 8), // std::strcpy(dst[10], src.c_str()); twin tests src.size() first
    ("cpp125_ref_return_member", "CWE-125", 8), // `const std::string &get(int i)` reads items_[i] of a vector member, i from cin
    ("cwe078_struct_field_checked", "CWE-078", 25), // fgets → strncat into a struct field → #define alias of system in another function; the twin checks the characters first
    ("cwe190_nonpositive_check_only", "CWE-190", 18), // fscanf counts rejected only when ≤ 0, then rows * cols * sizeof(int)
    ("cwe787_scan_loop_param_array", "CWE-787", 13), // fscanf(&out[i]) up to a count read from the stream, into the caller's int[64]
    ("cwe190_short_length_sum", "CWE-190", 13), // unsigned short len + 2 wraps before malloc; the twin widens to size_t
    ("cpp762_member_delete", "CWE-762", 7), // member set with new char[n] in the constructor, released with delete in the destructor
    ("cwe190_macro_product", "CWE-190", 19), // strtol of argv in a helper → #define MULT(a, b) ((a) * (b)) → malloc
    ("cwe125_offset_copy_source", "CWE-125", 13), // recv'd offset passed down → memcpy(out, table + off, len), off never checked against the table
    ("cwe476_global_value_test_only", "CWE-476", 25), // global malloc'd only on one path, tested only for a value there, dereferenced untested in another function
    ("cpp787_method_caller_string", "CWE-787", 15), // a 99-char string (memset + terminator) into a method's char[50]; the twin passes 49
    ("cpp476_member_null_in_ctor", "CWE-476", 15), // member set to nullptr in the constructor, given a value only conditionally, dereferenced in get()
    ("cpp787_member_alloc_in_ctor", "CWE-787", 21), // member = new char[50] in the constructor, memcpy of 100 bytes into it in the destructor
    ("cwe787_fgetc_loop_param", "CWE-787", 11), // fgetc until newline into out[n++], the caller's char[16], no count kept
    ("cwe476_getenv_sized_sprintf", "CWE-476", 8), // strlen(getenv("HOME")) unchecked; the twin's sprintf into malloc(strlen(home) + 16) is no overflow
    ("cwe078_strtok_tokens", "CWE-078", 11), // argv list split with strtok, each token formatted into a system() command
    ("cwe476_null_function_pointer", "CWE-476", 24), // a handler lookup returning NULL for unknown names, called through unchecked
    ("cwe078_struct_field_helper_check", "CWE-078", 25), // recv into a struct field → snprintf → system in another function; the twin checks it with a ctype helper named host_ok
    ("cwe787_global_counter_index", "CWE-787", 11), // items[count] = v; count++ per input value, count never compared
    ("cwe476_returned_struct_field", "CWE-476", 25), // b->data = calloc(…) unchecked in a constructor function, strcpy(b->data, …) in the caller
    ("cwe125_month_table_caller_check", "CWE-125", 9), // days_in_month[month - 1] with month checked only from below by the caller; the twin checks 1..12
    ("cwe416_global_freed_on_one_branch", "CWE-416", 26), // cleanup(keep) frees the global line on one branch; print_line() reads it after
    ("cwe787_packet_header_length", "CWE-787", 20), // a header struct copied out of a received packet; memcpy of ntohs(h.len) bytes into char[256] after a test of n against sizeof(h)
    ("cpp787_stream_loop_bucket", "CWE-787", 11), // while (std::cin >> bucket) counts[bucket]++ with only bucket < 0 rejected
    ("cwe787_snprintf_length_index", "CWE-787", 8), // buf[len] = 0 with len what snprintf of a user string returned
    ("cwe125_memcmp_input_length", "CWE-125", 9), // memcmp of a 16-byte secret by the length of an input line (up to 255)
    ("cpp134_member_moved_format", "CWE-134", 11), // a line std::move'd into a member by the constructor, used as std::snprintf's format in a method
    ("cpp762_helper_malloc_delete", "CWE-762", 19), // a helper returns malloc'd memory; the caller releases it with delete[]
    ("cwe476_lookup_result_arrow", "CWE-476", 24), // find(&a, want)->name: a list search that returns NULL at the end, dereferenced on the spot
    ("cpp476_map_lookup_arrow", "CWE-476", 17), // lookup(k)->size() with lookup returning it == end ? nullptr : it->second
    ("cwe787_shifted_index_loop", "CWE-787", 10), // vals[i - 1] for i up to a count from argv that the caller checks only from below
];

/// Lines of `name`'s findings of `cwe` (of any CWE when `cwe` is empty).
fn lines_of(name: &str, cwe: &str) -> Vec<usize> {
    let code = std::fs::read_to_string(dir().join(name)).unwrap();
    let report = if name.ends_with(".cpp") {
        // Named `.cpp`, the file is read with the C++ grammar.
        let file = SourceFile::new(name, Language::C, code);
        assert!(file.cpp);
        analyse(&file, &RuleFilter::default())
    } else {
        scan_source(&code, Language::C)
    };
    report
        .findings
        .iter()
        .filter(|f| cwe.is_empty() || f.cwe == cwe)
        .map(|f| f.span.start_line)
        // Two rules may explain one flaw (`p` from a NULL-returning helper, tested with `&`).
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// C++ programs are named `cpp…` and end in `.cpp`.
fn ext_of(program: &str) -> &'static str {
    if program.starts_with("cpp") {
        "cpp"
    } else {
        "c"
    }
}

/// Programs whose flaw shows at more than one line: the further lines, of the same CWE.
const ALSO: &[(&str, &[usize])] = &[
    // `data[99] = '\0'` after the copy writes past the 50 bytes too.
    ("cpp787_base_pointer_action", &[19]),
    // The memset that clears the table repeats the same unchecked product.
    ("cwe190_nonpositive_check_only", &[21]),
];

#[test]
fn flows_across_functions_reach_their_sinks() {
    for (program, cwe, line) in EXPECTED {
        let ext = ext_of(program);
        let mut lines = vec![*line];
        if let Some((_, more)) = ALSO.iter().find(|(p, _)| p == program) {
            lines.extend_from_slice(more);
            lines.sort();
        }
        assert_eq!(
            lines_of(&format!("{program}_bad.{ext}"), cwe),
            lines,
            "{program}_bad.{ext}"
        );
        // The fixed twin has no finding at all: the sources and copies it keeps (a socket
        // read appended at `data + dataLen`, its terminator) are no flaw of another CWE either.
        assert_eq!(
            lines_of(&format!("{program}_good.{ext}"), ""),
            Vec::<usize>::new(),
            "{program}_good.{ext}"
        );
    }
}

#[test]
fn every_fixture_is_in_the_table() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".c") || n.ends_with(".cpp"))
        .collect();
    names.sort();
    let mut expected: Vec<String> = EXPECTED
        .iter()
        .flat_map(|(p, _, _)| {
            let ext = ext_of(p);
            [format!("{p}_bad.{ext}"), format!("{p}_good.{ext}")]
        })
        .collect();
    expected.sort();
    assert_eq!(names, expected);
}
